/**
 * Training benchmark of every example graph (a script, not a test): each graphs/*.graph.json
 * is loaded, compiled and trained by the engine the CLI uses, for `--warmup` steps and then
 * `--steps` measured ones, and one row per graph gives ms/step (mean over the window, un-profiled),
 * kernels/step and kernel ms/step (a second, profiled pass), readbacks/step and peak tensor
 * memory. Then, for the graphs matching `--kernels` (default: the GLA example), the kernels
 * that take the most time. Run: `npx tsx bench/models.bench.ts` (or `npx netwright bench
 * models`). Options: `--steps N` (20), `--warmup N` (3), `--only TEXT` (graphs whose name
 * contains TEXT), `--backend wasm|cpu` (wasm), `--kernels TEXT` (gla), `--top N` (12).
 * `--browser`: the same graphs on webgpu and webgl in headless Chromium instead (bench/browserModels.ts;
 * SwiftShader on a machine without a GPU, as the tables say).
 */
import { readdir, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { builtinRegistry } from '../plugins/index.ts';
import { builtinLowerings } from '../plugins/lowerings.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import { Engine } from '../runtime/exec/engine.ts';
import { tf } from '../runtime/exec/tf.ts';
import { loadGraph } from '../runtime/file/load.ts';
import { errorMessage } from '../runtime/sdk/errors.ts';
import { numberArg, stringArg } from './args.ts';
import { runBrowserBench, type BrowserBenchInput } from './browserModels.ts';
import {
  profiledPass,
  timedPass,
  type KernelStat,
  type ProfiledPass,
  type StepWindow,
  type TimedPass,
} from './trainProbe.ts';

const GRAPHS_DIR = join(import.meta.dirname, '..', 'graphs');
const SUFFIX = '.graph.json';
const WINDOW: StepWindow = {
  warmup: Math.max(1, numberArg('warmup', 3)),
  steps: Math.max(1, numberArg('steps', 20)),
};
const ONLY = stringArg('only', '');
const KERNELS = stringArg('kernels', 'gla');
const TOP = numberArg('top', 12);
const BACKEND = stringArg('backend', 'wasm');

/** One graph's measurement, or why it has none. */
type Row =
  | {
      readonly name: string;
      readonly nodes: number;
      readonly params: number;
      readonly timed: TimedPass;
      readonly profiled: ProfiledPass;
      readonly leftover: number;
    }
  | { readonly name: string; readonly error: string };

/** Loads and compiles a graph file with the built-in plugins. */
async function planOf(file: string): Promise<{ nodes: number; plan: ExecutionPlan }> {
  const registry = builtinRegistry();
  const loaded = loadGraph(await readFile(file, 'utf8'), registry);
  if (!loaded.ok) throw new Error(`load: ${loaded.errors.map((d) => d.message).join('; ')}`);
  const compiled = compileGraph(loaded.doc, registry);
  if (!compiled.ok) throw new Error(`compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return { nodes: Object.keys(loaded.doc.nodes).length, plan: compiled.plan };
}

async function measure(engine: Engine, name: string): Promise<Row> {
  const before = tf.memory().numTensors;
  try {
    const { nodes, plan } = await planOf(join(GRAPHS_DIR, `${name}${SUFFIX}`));
    engine.load(plan, builtinLowerings);
    const timed = await timedPass(engine, WINDOW);
    const profiled = await profiledPass(engine, WINDOW);
    engine.dispose();
    return {
      name,
      nodes,
      params: plan.paramCount,
      timed,
      profiled,
      leftover: tf.memory().numTensors - before,
    };
  } catch (e) {
    engine.dispose();
    return { name, error: errorMessage(e) };
  }
}

function rowLine(r: Row): string {
  if ('error' in r) return `| ${[r.name, `failed: ${r.error}`, ...Array<string>(9).fill('')].join(' | ')} |`;
  const { timed: t, profiled: p } = r;
  const cells = [
    r.name,
    r.nodes,
    r.params.toLocaleString('en-US'),
    t.msPerStep.toFixed(1),
    (1000 / t.msPerStep).toFixed(1),
    p.kernels.toFixed(0),
    p.kernelMs.toFixed(1),
    t.readbacks.toFixed(1),
    t.backendReads.toFixed(1),
    (p.peakBytes / 2 ** 20).toFixed(2),
    r.leftover,
  ];
  return `| ${cells.join(' | ')} |`;
}

function printKernels(r: Row): void {
  if ('error' in r) return;
  const { byName, kernels } = r.profiled;
  const sum = (ks: readonly KernelStat[], f: (k: KernelStat) => number): number =>
    ks.reduce((a, k) => a + f(k), 0);
  // Means over the window, so the shares add up (as the table's kernel ms/step).
  const total = sum(byName, (k) => k.ms);
  const line = (name: string, count: number, ms: number): void => {
    console.log(
      `| ${name} | ${count.toFixed(0)} | ${ms.toFixed(2)} | ${((100 * ms) / total).toFixed(1)} % |`,
    );
  };
  console.log(
    `\ntop kernels of ${r.name} by time (profiled pass, mean per step: ${kernels.toFixed(0)} kernels, ${total.toFixed(1)} ms of kernel time):`,
  );
  console.log('| kernel | count/step | ms/step | share of kernel time |');
  console.log('|---|---|---|---|');
  for (const k of byName.slice(0, TOP)) line(k.name, k.count, k.ms);
  const rest = byName.slice(TOP);
  if (rest.length > 0)
    line(
      `${rest.length} other kernels`,
      sum(rest, (k) => k.count),
      sum(rest, (k) => k.ms),
    );
}

if (process.argv.includes('--browser')) {
  const names = (await readdir(GRAPHS_DIR))
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .filter((n) => n.includes(ONLY))
    .sort();
  const inputs: BrowserBenchInput[] = [];
  for (const name of names) {
    try {
      inputs.push({ name, plan: (await planOf(join(GRAPHS_DIR, `${name}${SUFFIX}`))).plan });
    } catch (e) {
      inputs.push({ name, error: errorMessage(e) });
    }
  }
  console.log(`models bench, browser: ${WINDOW.warmup} warm-up steps, then ${WINDOW.steps} measured steps; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await runBrowserBench(inputs, WINDOW);
  process.exit(0);
}
if (BACKEND !== 'wasm' && BACKEND !== 'cpu')
  throw new Error(`--backend must be wasm or cpu, not "${BACKEND}"`);
const engine = new Engine();
const backend = await engine.init(BACKEND);
const names = (await readdir(GRAPHS_DIR))
  .filter((f) => f.endsWith(SUFFIX))
  .map((f) => f.slice(0, -SUFFIX.length))
  .filter((n) => n.includes(ONLY))
  .sort();
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(
  `models bench: ${backend.name} (${backend.reason}), Node ${process.versions.node}; ${WINDOW.warmup} warm-up steps, then ${WINDOW.steps} measured steps per pass; load average ${load()}`,
);
console.log(
  "ms/step: mean of the un-profiled pass (a run of the window's steps, start event to last step event, read back once per 100 ms as the trainer does); kernels (registered kernels run) and kernel ms (mean): a second, profiled pass; peak: tensor memory alive (weights and optimiser state included)",
);
console.log(
  '| graph | nodes | params | ms/step | steps/s | kernels/step | kernel ms/step | readbacks/step | backend reads/step | peak MiB | tensors left |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
const t0 = performance.now();
const rows: Row[] = [];
for (const name of names) {
  const row = await measure(engine, name);
  rows.push(row);
  console.log(rowLine(row));
}
for (const r of rows) if (KERNELS !== '' && r.name.includes(KERNELS)) printKernels(r);
console.log(
  `\ntotal ${((performance.now() - t0) / 1000).toFixed(0)} s; load average ${load()}; tensors alive at the end: ${tf.memory().numTensors}`,
);
