/**
 * `netwright export torch` on the two-spirals example, with the exported code run by Python:
 * the PyTorch run follows `netwright train` step for step, evaluates exported weights to the
 * same metrics, trains with DistributedDataParallel over 2 processes to the same curve as 1,
 * and its weights come back into Netwright with the same metrics; a text corpus and the AP
 * mask's hooks give the same curve and reports over 2 processes as over 1; a PNG/JPEG folder
 * source is refused.
 * Needs Python 3 with torch (test/support/torchPython.ts says how to install it). One export per scenario, shared.
 */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '../plugins/index.ts';
import { builtinLowerings } from '../plugins/lowerings.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import { Engine } from '../runtime/exec/engine.ts';
import { loadGraph } from '../runtime/file/load.ts';
import { createRegistry } from '../runtime/sdk/registry.ts';
import { GRAPHS_DIR } from '../test/support/exampleGraphs.ts';
import { useTempDir } from '../test/support/tempDir.ts';
import { jsonLines, requireTorchPython, runPython, type EventLine } from '../test/support/torchPython.ts';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured } from './testkit.ts';
import { emitNodes } from '../runtime/torchExport/emitNodes.ts';

const GRAPH = join(GRAPHS_DIR, 'two-spirals-mlp.graph.json');
const tmp = useTempDir('netwright-torch-');
let python = '';

function steps(events: readonly EventLine[]): number[] {
  return events.filter((e) => e.event === 'step').map((e) => e.loss!);
}

function done(events: readonly EventLine[]): Record<string, number> {
  const d = events.find((e) => e.event === 'done');
  if (!d?.metrics) throw new Error('no done event');
  return d.metrics;
}

function maxDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));
}

async function exportTo(dir: string, ...extra: string[]): Promise<void> {
  const r = await runCliCaptured('export', 'torch', GRAPH, '-o', dir, ...extra);
  expect(r.err).toContain('exported');
  expect(r.code).toBe(0);
}

beforeAll(async () => {
  python = requireTorchPython();
  await exportTo(join(tmp(), 'init'));
});

describe('netwright export torch (two spirals)', () => {
  it('writes a readable model: plugin classes, node-id attributes, shape comments', async () => {
    const model = await readFile(join(tmp(), 'init', 'model.py'), 'utf8');
    expect(model).toContain('class Dense(nn.Module):');
    expect(model).toContain('self.h1 = Dense(in_features=2, units=32, use_bias=True, activation="relu")');
    expect(model).toContain('h1_y = self.h1(x=data_x)  # [?, 32]');
    expect(model).toContain('"h1/kernel": ("h1.linear.weight", (1, 0)),');
  });

  it('trains as netwright train does: the same losses for 20 steps and the same eval metrics', async () => {
    const saved = join(tmp(), 'nw20.json');
    const nw = await runCliCaptured(
      'train',
      GRAPH,
      '--steps',
      '20',
      '--backend',
      'cpu',
      '--json',
      '--save-weights',
      saved,
    );
    expect(nw.code).toBe(0);
    const ours = jsonLines(nw.out);
    const py = runPython(python, join(tmp(), 'init'), ['train.py', '--steps', '20']);
    expect(maxDiff(steps(py), steps(ours))).toBeLessThan(1e-4);
    const [a, b] = [done(py), done(ours)];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(b)) expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(1e-4);

    // The same weights exported: --eval-only gives netwright's eval metrics (forward and loss agree).
    await exportTo(join(tmp(), 'trained20'), '--weights', saved);
    const evalOnly = done(runPython(python, join(tmp(), 'trained20'), ['train.py', '--eval-only']));
    for (const k of Object.keys(b)) expect(Math.abs(evalOnly[k]! - b[k]!)).toBeLessThan(1e-4);
  });

  it('evaluates packed .bin weights (the editor and --save-weights X.bin) as netwright did', async () => {
    const dir = join(tmp(), 'packed');
    await exportTo(dir);
    const bin = join(tmp(), 'nw5.weights.bin');
    const nw = await runCliCaptured('train', GRAPH, '--steps', '5', '--backend', 'cpu', '--json', '--save-weights', bin);
    expect(nw.code).toBe(0);
    const want = done(jsonLines(nw.out));
    const got = done(runPython(python, dir, ['train.py', '--eval-only', '--weights', bin]));
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const k of Object.keys(want)) expect(Math.abs(got[k]! - want[k]!), k).toBeLessThan(1e-4);
  });

  it('trains with DDP over 2 processes to >= 0.95 eval accuracy on the curve of 1 process; the weights come back', async () => {
    const dir = join(tmp(), 'init');
    const one = runPython(python, dir, ['train.py']);
    const two = runPython(python, dir, ['train.py', '--nproc', '2', '--save-weights', 'ddp.json']);
    expect(maxDiff(steps(two).slice(0, 20), steps(one).slice(0, 20))).toBeLessThan(1e-4);
    expect(steps(two)).toHaveLength(600);
    const metrics = done(two);
    expect(metrics.acc).toBeGreaterThanOrEqual(0.95);

    // Weights trained in PyTorch evaluate in Netwright to the metrics PyTorch printed.
    const registry = builtinRegistry();
    const loaded = loadGraph(await readFile(GRAPH, 'utf8'), registry);
    if (!loaded.ok) throw new Error('graph did not load');
    const compiled = compileGraph(loaded.doc, registry);
    if (!compiled.ok) throw new Error('graph did not compile');
    const engine = new Engine();
    try {
      await engine.init('cpu');
      engine.load(compiled.plan, builtinLowerings);
      engine.importWeights(JSON.parse(await readFile(join(dir, 'ddp.json'), 'utf8')) as unknown);
      const out = await engine.infer(undefined, { batchSize: 200, outputs: ['loss:loss', 'acc:value'] });
      expect(Math.abs(out.outputs['loss:loss']!.data[0]! - metrics.loss!)).toBeLessThan(1e-4);
      expect(Math.abs(out.outputs['acc:value']!.data[0]! - metrics.acc!)).toBeLessThan(1e-4);
    } finally {
      engine.dispose();
    }
    const cli = await runCliCaptured(
      'train',
      GRAPH,
      '--steps',
      '1',
      '--backend',
      'cpu',
      '--json',
      '--load-weights',
      join(dir, 'ddp.json'),
    );
    expect(cli.code).toBe(0);
  });
});

/** An example, changed by `params` on one node, written to the temp folder; its path. */
async function variant(file: string, node: string, params: Record<string, unknown>): Promise<string> {
  const graph = JSON.parse(await readFile(join(GRAPHS_DIR, file), 'utf8')) as {
    nodes: Record<string, { params: Record<string, unknown> }>;
  };
  Object.assign(graph.nodes[node]!.params, params);
  const path = join(tmp(), `variant-${node}-${file}`);
  await writeFile(path, JSON.stringify(graph));
  return path;
}

function stepReports(events: readonly EventLine[]): unknown[] {
  return events.filter((e) => e.event === 'step').map((e) => (e as { diagnostics?: unknown }).diagnostics);
}

describe('data and hooks under DDP', () => {
  // The text corpus draws its own windows (image-dataset is an ArraySource, as two spirals above);
  // the AP mask sums its dead-unit counts over the processes and prunes the same weights in each.
  it.each([
    ['lssl-char-lm.graph.json', 3, undefined],
    ['apmask-imp-ap.graph.json', 5, { node: 'ap', params: { cycleSteps: 2, numCycles: 2 } }],
  ] as const)('%s: 2 processes (each its share of the global batch) follow the curve of 1, with the same reports', async (file, n, change) => {
    const graph = change ? await variant(file, change.node, change.params) : join(GRAPHS_DIR, file);
    const dir = join(tmp(), `ddp-${file}`);
    const r = await runCliCaptured('export', 'torch', graph, '-o', dir);
    expect(r.code).toBe(0);
    const one = runPython(python, dir, ['train.py', '--steps', String(n)]);
    const two = runPython(python, dir, ['train.py', '--steps', String(n), '--nproc', '2']);
    expect(steps(two)).toHaveLength(n);
    expect(maxDiff(steps(two), steps(one))).toBeLessThan(1e-4);
    expect(stepReports(two)).toEqual(stepReports(one));
  });
});

describe('dataset files in train.py', () => {
  it('takes --data NODE.PARAM=PATH, and refuses a file with another SHA-256 naming both hashes', async () => {
    const dir = join(tmp(), 'digits');
    expect((await runCliCaptured('export', 'torch', join(GRAPHS_DIR, 'digits-conv.graph.json'), '-o', dir)).code).toBe(0);
    const images = join(REPO_ROOT, 'datasets', 'digits8x8-images.idx3-ubyte');
    const labels = join(REPO_ROOT, 'datasets', 'digits8x8-labels.idx1-ubyte');
    expect(done(runPython(python, tmp(), [join(dir, 'train.py'), '--eval-only', '--data', `data.images=${images}`])).acc).toBeGreaterThan(0);
    const wrong = spawnSync(python, [join(dir, 'train.py'), '--eval-only', '--data', `data.images=${labels}`], { encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain(`node "data": ${labels} has SHA-256 ce71631c1f31ce56fa54f31d1d498fafacff59b001e6c30c4a5e29508aa277ad, but the graph was made with "digits8x8-images.idx3-ubyte" (115024 bytes, SHA-256 de28b89f0f92bce5e9b37ca3c621f9006c89df38a0425857f065de583f0c0023)`);
  });
});

describe('export refusals', () => {
  it('refuses an image-dataset node that reads a folder of PNG/JPEG images, naming it', async () => {
    const file = await variant('digits-conv.graph.json', 'data', { images: 'digits', labels: '', labelsSize: 0, labelsSha256: '' });
    const r = await runCliCaptured('export', 'torch', file, '-o', join(tmp(), 'never'));
    expect(r.code).toBe(1);
    expect(r.out + r.err).toMatch(/node "data" \(image-dataset\).*folder of PNG\/JPEG images/);
  });

  it('refuses a placeholder node, naming it', async () => {
    const graph = JSON.parse(await readFile(GRAPH, 'utf8')) as {
      plugins: Record<string, unknown>;
      nodes: Record<string, { type: string }>;
    };
    graph.nodes.h2!.type = 'acme.mystery';
    graph.plugins['acme.mystery'] = { version: '1.0.0', migration: 0 };
    const file = join(tmp(), 'placeholder.graph.json');
    await writeFile(file, JSON.stringify(graph));
    const r = await runCliCaptured('export', 'torch', file, '-o', join(tmp(), 'never'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/acme\.mystery.*"h2"/);
  });

  it('refuses a plugin without an emitter, naming node and plugin', async () => {
    const specs = builtinRegistry()
      .list()
      .map((s) => (s.id === 'dense' ? { ...s, torch: undefined } : s));
    const registry = createRegistry(specs);
    const loaded = loadGraph(await readFile(GRAPH, 'utf8'), registry);
    if (!loaded.ok) throw new Error('graph did not load');
    const compiled = compileGraph(loaded.doc, registry);
    if (!compiled.ok) throw new Error('graph did not compile');
    expect(() => emitNodes(compiled.plan, registry)).toThrow(
      'node "h1" (dense): plugin "dense" has no PyTorch emitter',
    );
  });
});
