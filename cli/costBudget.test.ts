/**
 * Allowed params that would allocate tens of GB or run for minutes (issue 18) are refused by
 * `validate` before anything is allocated, naming the node and the param.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test/support/tempDir.ts';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured as cli } from './testkit.ts';

const tmp = useTempDir('netwright-cost-');

interface GraphJson {
  nodes: Record<string, { type: string; params: Record<string, unknown> }>;
}

async function variant(example: string, edit: (g: GraphJson) => void): Promise<string> {
  const g = JSON.parse(await readFile(join(REPO_ROOT, 'graphs', example), 'utf8')) as GraphJson;
  edit(g);
  const path = join(tmp(), `${Math.random().toString(36).slice(2)}.graph.json`);
  await writeFile(path, JSON.stringify(g));
  return path;
}

describe('cost budget in validate', () => {
  it('names the dense node and its units when the weights would take 16 GB', async () => {
    const path = await variant('two-spirals-mlp.graph.json', (g) => {
      g.nodes.h1!.params.units = 65_536;
      g.nodes.h2!.params.units = 65_536;
    });
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    expect(r.out).toContain('h2/units: node "h2" (dense): its weights take 16.0 GB');
    expect(r.out).toContain('lower units (now 65,536)');
  });

  it('names an embedding of a million by 65,536', async () => {
    const path = await variant('lssl-long-memory.graph.json', (g) => {
      g.nodes.emb!.params = { vocabSize: 1_000_000, dim: 65_536 };
      g.nodes.ssm!.params.dModel = 65_536;
    });
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/emb\/vocabSize: node "emb" \(embedding\): its weights take 244\.1 GB/);
  });

  it('GLA gateLowRank has a maximum (a billion gave no node before)', async () => {
    const path = await variant('lssl-long-memory.graph.json', (g) => {
      g.nodes.ssm = { ...g.nodes.ssm!, type: 'gla', params: { dModel: 16, numHeads: 2, gateLowRank: 1_000_000_000 } };
    });
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/nodes\.ssm\.params\.gateLowRank: .*4096/);
  });

  it('train checks the outputs of a batch at the --batch-size given, before allocating', async () => {
    const path = await variant('two-spirals-mlp.graph.json', (g) => {
      g.nodes.h1!.params.units = 65_536;
    });
    const r = await cli('train', path, '--batch-size', '65536', '--steps', '1');
    expect(r.code).toBe(1);
    expect(r.out).toContain('h1/units: node "h1" (dense): its outputs take 16.0 GB for a batch of 65536');
    expect(r.err).not.toContain('backend:');
  });

  it('LSSL stateSize has a maximum (1,000 took 262 s on the host)', async () => {
    const path = await variant('lssl-long-memory.graph.json', (g) => {
      g.nodes.ssm!.params.stateSize = 1000;
    });
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/nodes\.ssm\.params\.stateSize: .*256/);
  });
});
