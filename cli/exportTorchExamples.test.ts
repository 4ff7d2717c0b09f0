/**
 * Every example graph whose plugins all have PyTorch emitters, exported and run by Python for
 * 5 steps from the same (seeded) weights: each step's training loss (forward and loss on the
 * same batch, then the update) and the final eval metrics equal `netwright train`'s within
 * 1e-4 (relative above 1: the plain deep quadratic net's loss starts near 1.6e8). The other examples are refused naming a node. Needs Python 3 with torch.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRAPHS_DIR } from '../test/support/exampleGraphs.ts';
import { useTempDir } from '../test/support/tempDir.ts';
import { jsonLines, requireTorchPython, runPython, type EventLine } from '../test/support/torchPython.ts';
import { runCliCaptured } from './testkit.ts';

/** The examples that export (the rest are refused until their plugins have emitters). */
const EXPORTED = [
  'quadratic-spirals-baseline.graph.json',
  'quadratic-spirals.graph.json',
  'quadratic-deep-relinear.graph.json',
  'quadratic-deep-plain.graph.json',
  'gla-associative-recall.graph.json',
];

const tmp = useTempDir('netwright-torch-examples-');
let python = '';

beforeAll(() => {
  python = requireTorchPython();
});

function losses(events: readonly EventLine[]): number[] {
  return events.filter((e) => e.event === 'step').map((e) => e.loss!);
}

function finalMetrics(events: readonly EventLine[]): Record<string, number> {
  const d = events.find((e) => e.event === 'done');
  if (!d?.metrics) throw new Error('no done event');
  return d.metrics;
}

describe('example graphs in PyTorch', () => {
  it.each(EXPORTED)('%s: 5 steps and the eval metrics equal netwright train', async (file) => {
    const graph = join(GRAPHS_DIR, file);
    const dir = join(tmp(), file);
    const exported = await runCliCaptured('export', 'torch', graph, '-o', dir);
    expect(exported.out).toBe('');
    expect(exported.code).toBe(0);
    const nw = await runCliCaptured('train', graph, '--steps', '5', '--backend', 'cpu', '--json');
    expect(nw.code).toBe(0);
    const ours = jsonLines(nw.out);
    const py = runPython(python, dir, ['train.py', '--steps', '5']);
    const [a, b] = [losses(py), losses(ours)];
    expect(a).toHaveLength(5);
    a.forEach((x, i) => {
      expect(Math.abs(x - b[i]!), `step ${i + 1}`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(b[i]!)));
    });
    const [ma, mb] = [finalMetrics(py), finalMetrics(ours)];
    expect(Object.keys(ma).sort()).toEqual(Object.keys(mb).sort());
    for (const k of Object.keys(mb))
      expect(Math.abs(ma[k]! - mb[k]!), k).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(mb[k]!)));
  });

  it('refuses the other examples, naming a node and its plugin', async () => {
    const others = readdirSync(GRAPHS_DIR).filter(
      (f) => f.endsWith('.graph.json') && !EXPORTED.includes(f) && f !== 'two-spirals-mlp.graph.json',
    );
    for (const file of others) {
      const r = await runCliCaptured('export', 'torch', join(GRAPHS_DIR, file), '-o', join(tmp(), 'refused'));
      expect(r.code, file).toBe(1);
      expect(r.out + r.err, file).toMatch(
        /node "[^"]+" \([^)]+\): plugin "[^"]+" (has no PyTorch emitter|is not installed)|cannot run this graph/,
      );
    }
  });
});
