import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test/support/tempDir.ts';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured } from './testkit.ts';

const GRAPH = join(REPO_ROOT, 'graphs', 'two-spirals-mlp.graph.json');
const tmp = useTempDir('netwright-cli-');

const cli = runCliCaptured;

interface FileShape {
  nodes: Record<string, { type: string; params: Record<string, unknown> }>;
}

/** The example graph with `edit` applied, written to a temp file. */
async function variant(name: string, edit: (g: FileShape) => void): Promise<string> {
  const g = JSON.parse(await readFile(GRAPH, 'utf8')) as FileShape;
  edit(g);
  const path = join(tmp(), name);
  await writeFile(path, JSON.stringify(g, null, 2));
  return path;
}

describe('netwright validate', () => {
  it('accepts the example graph after running one batch', async () => {
    const r = await cli('validate', GRAPH);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/two-spirals-mlp\.graph\.json: valid \(8 nodes, 1,218 params, ran one batch\)\n$/);
  });

  it('prints one FILE: path: message line per problem and exits 1', async () => {
    const bad = await variant('bad.graph.json', (g) => {
      g.nodes.h1!.params.units = -3;
    });
    const missing = join(tmp(), 'nope.graph.json');
    const r = await cli('validate', bad, missing, GRAPH);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines.find((l) => l.startsWith(`${bad}: `))).toMatch(/h1.*units/);
    expect(lines).toContain(`${missing}: cannot read the file: no such file`);
    expect(lines.at(-1)).toMatch(/two-spirals-mlp\.graph\.json: valid/);
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
  });

  it('exits 1 on a graph that cannot run for a missing plugin, and every line about it names --plugin MODULE', async () => {
    const ph = await variant('ph.graph.json', (g) => {
      g.nodes.h2!.type = 'acme.mystery';
    });
    const r = await cli('validate', ph);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/h2.*warning: plugin "acme\.mystery" is not installed.*--plugin MODULE/);
    expect(lines.at(-1)).toBe(`${ph}: cannot run: 1 node(s) need plugins that are not loaded; load the plugin's module with --plugin MODULE (a file, or a folder with index.ts)`);
    const train = await cli('train', ph, '--steps', '1');
    expect(train.code).toBe(1);
    expect(train.out + train.err).toMatch(/cannot run this graph: these plugins are not installed: "acme\.mystery".*--plugin MODULE/);
  });
});

describe('netwright train', () => {
  it('prints JSON lines ending in done, and saves weights and graph', async () => {
    const weights = join(tmp(), 'w.json');
    const saved = join(tmp(), 'saved.graph.json');
    const r = await cli('train', GRAPH, '--steps', '20', '--seed', '3', '--json', '--save-weights', weights, '--save-graph', saved);
    expect(r.code).toBe(0);
    const events = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events[0]).toMatchObject({ event: 'backend', name: 'wasm' });
    expect(events.filter((e) => e.event === 'step')).toHaveLength(20);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', steps: 20, backend: 'wasm' });
    expect(Object.keys(done.metrics as object).sort()).toEqual(['acc', 'loss']);
    const file = JSON.parse(await readFile(weights, 'utf8')) as { format: string; tensors: Record<string, unknown> };
    expect(file.format).toBe('netwright.weights');
    expect(Object.keys(file.tensors).sort()).toEqual(['h1/bias', 'h1/kernel', 'h2/bias', 'h2/kernel', 'logits/bias', 'logits/kernel']);
    expect((await cli('validate', saved)).code).toBe(0);
    // Starting again from the saved weights continues where the run stopped.
    const again = await cli('train', GRAPH, '--steps', '1', '--seed', '3', '--json', '--load-weights', weights);
    const firstLoss = (JSON.parse(again.out.split('\n').find((l) => l.includes('"step"'))!) as { loss: number }).loss;
    const r0 = events.find((e) => e.event === 'step')!;
    expect(firstLoss).toBeLessThan(r0.loss as number);
  });

  it('prints plain progress and a summary without --json', async () => {
    const r = await cli('train', GRAPH, '--steps', '10', '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^backend: cpu \(cpu was requested\)/);
    expect(r.err).toMatch(/\[#+\] 10\/10 loss/);
    expect(r.out).toMatch(/: trained 10 steps in \d+s on cpu: loss [\d.]+ {2}acc [\d.]+\n$/);
  });
});

describe('netwright arguments', () => {
  it('prints usage and exits 2 on bad arguments', async () => {
    for (const argv of [[], ['train'], ['train', GRAPH, '--steps', 'ten'], ['train', GRAPH, '--bogus'], ['frobnicate'], ['bench', 'nope'], ['validate', '--backend', 'tpu', GRAPH]]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/usage: netwright/);
    }
    expect((await cli('train', '--help')).out).toMatch(/^usage: netwright train FILE/);
  });

  it('runs from the launcher: npx netwright info', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'bin', 'netwright.js'), 'info', '--json'], { cwd: tmpdir() });
    const info = JSON.parse(stdout) as Record<string, unknown>;
    expect(info).toMatchObject({ chosen: 'wasm', node: process.version });
    expect(info.backends).toMatchObject({ wasm: 'works', cpu: 'works' });
    expect(typeof info.tfjs).toBe('string');
  });
});
