/**
 * Every example graph with blocks trains to the same numbers as its flat twin (the same graph
 * drawn node by node: test/support/flatTwin.ts flattens it, writes it as a plain file and loads
 * it back): from the same initial weights and seeds, a few steps give the same loss at every
 * step, the same gradient norms and the same final metrics (within 1e-6), on wasm. The
 * full-length runs are bench/blocksFlat.bench.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../runtime/exec/engine.ts';
import { flatTwinText, trainTwins } from '../support/flatTwin.ts';

const dir = new URL('../../graphs/', import.meta.url);
const withBlocks = readdirSync(dir)
  .filter((f) => f.endsWith('.graph.json'))
  .filter((f) => 'blocks' in (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as object));

function expectClose(a: readonly number[], b: readonly number[], what: string): void {
  expect(b.length, what).toBe(a.length);
  a.forEach((x, i) => {
    expect(Math.abs(x - b[i]!), `${what}[${String(i)}]: ${String(x)} vs ${String(b[i])}`).toBeLessThanOrEqual(1e-6);
  });
}

describe('example graphs with blocks train like their flat twins', () => {
  const engine = new Engine();
  beforeAll(async () => {
    await engine.init('wasm');
  });

  it('covers the three block examples', () => {
    expect(withBlocks).toEqual(expect.arrayContaining(['gla-associative-recall.graph.json', 'gla-lm-4-layers.graph.json', 'lssl-stack.graph.json']));
  });

  it.each(withBlocks)('%s: the twin is flat, and 3 steps give the same losses and metrics', async (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const twin = JSON.parse(flatTwinText(text, name)) as { blocks?: unknown; nodes: Record<string, { type: string }> };
    expect(twin.blocks).toBeUndefined();
    expect(Object.values(twin.nodes).some((n) => n.type === 'block')).toBe(false);
    const { block, flat } = await trainTwins(engine, text, { initSeed: 3, steps: 3, evalEvery: 0, batchSize: 8, seed: 5 }, name);
    expect(block.losses).toHaveLength(3);
    expectClose(block.losses, flat.losses, 'loss');
    expectClose(block.result.history.gradNorms, flat.result.history.gradNorms, 'gradNorm');
    expect(Object.keys(flat.result.metrics).sort()).toEqual(Object.keys(block.result.metrics).sort());
    for (const [k, v] of Object.entries(block.result.metrics)) expectClose([v], [flat.result.metrics[k]!], k);
  });
});
