/**
 * The command line on block files (issue 14): validate, train and format handle instances and
 * repeats, and hostile block files are refused with messages that name the path.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hiddenLayerBlock } from '../test/support/spiralBlocks.ts';
import { useTempDir } from '../test/support/tempDir.ts';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured as cli } from './testkit.ts';

const tmp = useTempDir('netwright-blocks-');

interface FileNode {
  type: string;
  params: Record<string, unknown>;
  position: { x: number; y: number };
}

interface Graph {
  blocks?: Record<string, unknown>;
  nodes: Record<string, FileNode>;
  edges: { from: { node: string; port: string }; to: { node: string; port: string } }[];
}

/** Two spirals with its second hidden layer as `repeat` copies of a one-layer block. */
async function spiralsWithBlock(repeat: number, keepH1 = true): Promise<Graph> {
  const g = JSON.parse(
    await readFile(join(REPO_ROOT, 'graphs', 'two-spirals-mlp.graph.json'), 'utf8'),
  ) as Graph;
  g.blocks = {
    layer: hiddenLayerBlock(),
  };
  const { h2: _h2, ...rest } = g.nodes;
  g.nodes = {
    ...rest,
    stack: { type: 'block', params: { block: 'layer', repeat, width: 32 }, position: { x: 500, y: 0 } },
  };
  const from = keepH1 ? 'h1' : 'data';
  if (!keepH1) delete g.nodes.h1;
  g.edges = [
    { from: { node: from, port: from === 'data' ? 'x' : 'y' }, to: { node: 'stack', port: 'x' } },
    { from: { node: 'stack', port: 'y' }, to: { node: 'logits', port: 'x' } },
    ...g.edges.filter((e) => ![e.from.node, e.to.node].some((n) => n === 'h2' || (n === 'h1' && !keepH1))),
  ];
  return g;
}

async function write(name: string, g: Graph | string): Promise<string> {
  const path = join(tmp(), name);
  await writeFile(path, typeof g === 'string' ? g : `${JSON.stringify({ ...g, version: 2 }, null, 2)}\n`);
  return path;
}

describe('netwright on block files', () => {
  it('validates the GLA example drawn with a repeated block', async () => {
    const r = await cli('validate', join(REPO_ROOT, 'graphs', 'gla-associative-recall.graph.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid \(10 nodes, 23 once blocks are flattened, 78,241 params, ran one batch\)/);
  });

  it('formats a block file into canonical form and trains it', async () => {
    const path = await write(
      'stack.graph.json',
      JSON.stringify({ ...(await spiralsWithBlock(2)), version: 2 }),
    );
    const formatted = await cli('format', path);
    expect(formatted.out).toContain('1 formatted');
    const canonical = await readFile(path, 'utf8');
    expect(Object.keys(JSON.parse(canonical) as object)).toEqual([
      'format',
      'version',
      'plugins',
      'meta',
      'blocks',
      'nodes',
      'edges',
    ]);
    expect((await cli('format', '--check', path)).code).toBe(0);
    const r = await cli('train', path, '--steps', '5', '--eval-every', '0', '--json');
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; metrics?: Record<string, number> });
    const end = lines.find((e) => e.event === 'done');
    expect(end?.metrics?.loss).toBeGreaterThan(0);
  });

  it('refuses recursive blocks, naming the cycle and the JSON path', async () => {
    const g = await spiralsWithBlock(1);
    (g.blocks!.layer as { nodes: Record<string, FileNode> }).nodes.inner = {
      type: 'block',
      params: { block: 'layer' },
      position: { x: 0, y: 0 },
    };
    const r = await cli('validate', await write('recursive.graph.json', g));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/blocks\.layer: .*block "layer" contains itself: layer › layer/);
  });

  it('refuses repeat 0 and 10^9 and a repeat that changes the shape', async () => {
    for (const n of [0, 1e9]) {
      const r = await cli('validate', await write(`repeat${n}.graph.json`, await spiralsWithBlock(n)));
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/nodes\.stack\.params\.repeat: .*\(a repeat is 1 to 1024\)/);
    }
    const r = await cli('validate', await write('shape.graph.json', await spiralsWithBlock(3, false)));
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'stack: repeat 3 of block "layer" feeds each copy\'s output into the next copy\'s input, but one copy turns [?, 2] float32 into [?, 32] float32',
    );
  });
});
