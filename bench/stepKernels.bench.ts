/**
 * Where the kernels of a training step come from (a script, not a test): trains example graphs
 * through the engine the CLI uses and attributes every kernel of the measured steps to its
 * source: a node's forward (`fwd <node> (<type>)`), the backward of that node's ops
 * (`bwd <node> (<type>)`), the gradient tape's own work (summing gradients of tensors read
 * twice), the optimiser's update rule, or the trainer (batches, penalties, norm, clipping).
 * Then ms/step of an un-profiled pass, and the kernel names of the top sources.
 * Run: `npx tsx bench/stepKernels.bench.ts` (options: `--only TEXT` (gla,two-spirals: a
 * comma list of name parts), `--steps N` (10), `--warmup N` (3), `--backend wasm|cpu`,
 * `--top N` (12), `--ops` (the backward by the op whose gradient ran), `--json FILE`).
 */
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { builtinRegistry } from '../plugins/index.ts';
import { builtinLowerings } from '../plugins/lowerings.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import { Engine } from '../runtime/exec/engine.ts';
import { tf } from '../runtime/exec/tf.ts';
import { loadGraph } from '../runtime/file/load.ts';
import type { AnyPluginLowering, OptimiserRule } from '../runtime/lower/lowering.ts';
import { numberArg } from './args.ts';

/** The word after `--name`, or `fallback`. */
function stringArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const GRAPHS_DIR = join(import.meta.dirname, '..', 'graphs');
const ONLY = stringArg('only', 'gla,two-spirals').split(',');
const STEPS = Math.max(1, numberArg('steps', 10));
const WARMUP = Math.max(1, numberArg('warmup', 3));
const TOP = numberArg('top', 12);
const BACKEND = stringArg('backend', 'wasm');
const JSON_OUT = stringArg('json', '');
const OPS = process.argv.includes('--ops');

/** A kernel record of tfjs's profiler, with the source this script gives it. */
interface KernelRecord {
  readonly name: string;
  readonly kernelTimeMs: number | { error: string };
  source?: string;
}

interface TapeNode {
  gradient?: (dys: unknown[]) => unknown;
}

/** The parts of tfjs's engine this script wraps (runtime internals of tfjs 4.22). */
interface EngineInternals {
  state: { activeProfile: { kernels: KernelRecord[] }; activeTape: TapeNode[] | null };
  addTapeNode: (...args: unknown[]) => void;
  gradients: (...args: unknown[]) => unknown;
}

const internals = tf.engine() as unknown as EngineInternals;
let source = 'trainer';

/** Runs `fn` with `label` as the source of its kernels. */
function within<T>(label: string, fn: () => T, after?: string): T {
  const outer = source;
  source = label;
  try {
    return fn();
  } finally {
    source = after ?? outer;
  }
}

// Each tape node remembers the source that recorded it; its gradient runs as `bwd …`.
const addTapeNode = internals.addTapeNode.bind(internals);
internals.addTapeNode = (...args: unknown[]): void => {
  addTapeNode(...args);
  const tape = internals.state.activeTape;
  const node = tape?.[tape.length - 1];
  // The kernel (or custom op) the tape node records, for `--ops`.
  const op = typeof args[0] === 'string' ? args[0] : '?';
  const owner = `${source.startsWith('fwd ') ? `bwd ${source.slice(4)}` : `bwd (${source})`} ${op}`;
  const gradient = node?.gradient;
  if (!node || !gradient) return;
  // A gradient function returns one closure per input, run later by the tape: label those too.
  node.gradient = (dys) => {
    const lazy = within(owner, () => gradient(dys), 'tape: gradient sums') as Record<string, () => unknown>;
    return Object.fromEntries(
      Object.entries(lazy).map(([k, f]) => [k, () => within(owner, f, 'tape: gradient sums')]),
    );
  };
};
const gradients = internals.gradients.bind(internals);
internals.gradients = (...args: unknown[]): unknown =>
  within('trainer (under the tape)', () => gradients(...args), 'trainer');

/** The built-in lowerings with every apply and update rule labelled. */
function labelled(): AnyPluginLowering[] {
  return builtinLowerings.map((l) => {
    const out: AnyPluginLowering = { ...l };
    if (l.apply) {
      const apply = l.apply.bind(l);
      out.apply = (inputs, ctx) => within(`fwd ${ctx.nodeId} (${l.id})`, () => apply(inputs, ctx));
    }
    if (l.optimiser) {
      const make = l.optimiser.bind(l);
      out.optimiser = (ctx) => {
        const made = make(ctx);
        const rule: OptimiserRule = {
          ...made.rule,
          apply: (...a: Parameters<OptimiserRule['apply']>) => {
            within('optimiser update', () => {
              made.rule.apply(...a);
            });
          },
        };
        return { ...made, rule };
      };
    }
    return out;
  });
}

async function planOf(name: string): Promise<ExecutionPlan> {
  const registry = builtinRegistry();
  const loaded = loadGraph(await readFile(join(GRAPHS_DIR, `${name}.graph.json`), 'utf8'), registry);
  if (!loaded.ok) throw new Error(`load: ${loaded.errors.map((d) => d.message).join('; ')}`);
  const compiled = compileGraph(loaded.doc, registry);
  if (!compiled.ok) throw new Error(`compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return compiled.plan;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/**
 * Median wall and CPU ms/step over the measured steps of an un-profiled run. CPU time (this
 * process, user + system) is less disturbed than wall time by other work on a busy machine.
 */
async function timed(engine: Engine): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let last = 0;
  let lastCpu = 0;
  await engine.train({ steps: WARMUP + STEPS, evalEvery: 0 }, (e) => {
    if (e.event !== 'step') return;
    const now = performance.now();
    const { user, system } = process.cpuUsage();
    const nowCpu = (user + system) / 1000;
    if (e.step > WARMUP) {
      wall.push(now - last);
      cpu.push(nowCpu - lastCpu);
    }
    last = now;
    lastCpu = nowCpu;
  });
  return { wall: median(wall), cpu: median(cpu) };
}

/** Kernels of the measured steps of a profiled run, labelled by source. */
async function profiled(engine: Engine): Promise<KernelRecord[]> {
  const bounds: number[] = [];
  const info = await tf.profile(async () => {
    await engine.train({ steps: WARMUP + STEPS, evalEvery: 0 }, (e) => {
      const kernels = internals.state.activeProfile.kernels;
      if (e.event === 'start') {
        kernels.push = (...ks: KernelRecord[]): number => {
          for (const k of ks) k.source = source;
          return Array.prototype.push.apply(kernels, ks);
        };
      }
      if (e.event === 'step' && (e.step === WARMUP || e.step === WARMUP + STEPS)) bounds.push(kernels.length);
    });
  });
  const backend = tf.getBackend();
  return (info.kernels as unknown as KernelRecord[])
    .slice(bounds[0], bounds[1])
    .filter((k) => tf.getKernel(k.name, backend) !== undefined);
}

interface Tally {
  count: number;
  ms: number;
  byName: Map<string, number>;
}

function tally(kernels: readonly KernelRecord[], key: (k: KernelRecord) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const k of kernels) {
    const id = key(k);
    const t = out.get(id) ?? { count: 0, ms: 0, byName: new Map<string, number>() };
    t.count++;
    t.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    t.byName.set(k.name, (t.byName.get(k.name) ?? 0) + 1);
    out.set(id, t);
  }
  return out;
}

function table(title: string, rows: Map<string, Tally>, total: number): void {
  console.log(`\n${title}`);
  console.log('| source | kernels/step | kernel ms/step | kernels (per step) |');
  console.log('|---|---|---|---|');
  for (const [id, t] of [...rows].sort((a, b) => b[1].count - a[1].count).slice(0, TOP)) {
    const names = [...t.byName]
      .sort((a, b) => b[1] - a[1])
      .map(([n, c]) => `${n} ${+(c / STEPS).toFixed(1)}`);
    console.log(
      `| ${id} | ${(t.count / STEPS).toFixed(1)} | ${(t.ms / STEPS).toFixed(2)} | ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''} |`,
    );
  }
  console.log(`| total | ${(total / STEPS).toFixed(1)} | | |`);
}

const engine = new Engine();
const backend = await engine.init(BACKEND === 'cpu' ? 'cpu' : 'wasm');
console.log(`step kernels: ${backend.name}, ${WARMUP} warm-up steps, ${STEPS} measured`);
const names = readdirSync(GRAPHS_DIR)
  .filter((f) => f.endsWith('.graph.json'))
  .map((f) => f.slice(0, -'.graph.json'.length));
const results: Record<
  string,
  {
    msPerStep: number;
    cpuMsPerStep: number;
    kernelsPerStep: number;
    bySource: Record<string, number>;
    byName: Record<string, number>;
  }
> = {};
for (const name of names.filter((n) => ONLY.some((o) => n.includes(o))).sort()) {
  engine.load(await planOf(name), labelled());
  const ms = await timed(engine);
  const kernels = await profiled(engine);
  engine.dispose();
  // Nodes of one type together; the backward also by the op whose gradient ran with --ops.
  const bySource = tally(kernels, (k) =>
    (k.source ?? '?').replace(/^(fwd|bwd) \S+ \(([^)]*)\)( .+)?$/, OPS ? '$1 $2$3' : '$1 $2'),
  );
  const byName = tally(kernels, (k) => k.name);
  console.log(
    `\n## ${name}: ${(kernels.length / STEPS).toFixed(0)} kernels/step, ${ms.wall.toFixed(1)} ms/step wall, ${ms.cpu.toFixed(1)} ms/step CPU (medians, un-profiled)`,
  );
  table('by source (nodes of one type together)', bySource, kernels.length);
  table('by kernel', byName, kernels.length);
  results[name] = {
    msPerStep: ms.wall,
    cpuMsPerStep: ms.cpu,
    kernelsPerStep: kernels.length / STEPS,
    bySource: Object.fromEntries([...bySource].map(([k, t]) => [k, t.count / STEPS])),
    byName: Object.fromEntries([...byName].map(([k, t]) => [k, t.count / STEPS])),
  };
}
if (JSON_OUT !== '') await writeFile(JSON_OUT, JSON.stringify(results, null, 1));
console.log(`\ntensors alive at the end: ${tf.memory().numTensors}`);
