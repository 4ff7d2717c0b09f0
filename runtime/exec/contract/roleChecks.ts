/**
 * Contract checks of the non-layer roles, each through the lowering member the role provides:
 * a data source yields batches whose shapes match `infer`, a schedule returns `totalSteps`
 * finite rates, an optimiser's rule updates variables and disposes its slots, and hooks are
 * functions.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { makeFail, type AnyPluginSpec, type InferResult, type ParamValue, type PluginExample, type WeightSpec } from '../../sdk/index.ts';
import type { AnyPluginLowering, DataSource, NodeContext, ScheduleContext, TensorMap } from '../../lower/lowering.ts';
import { createRng } from '../../lower/rng.ts';
import { createRunMemory } from '../../lower/runMemory.ts';
import { tf } from '../tf.ts';
import { allFinite, mapDifferences, shapeMismatch } from './compare.ts';
import { CONTRACT_NODE, exampleParams } from './node.ts';
import type { CheckOutcome } from './types.ts';

/** What every role check receives. */
export interface RoleCheckInput {
  readonly spec: AnyPluginSpec;
  readonly lowering: AnyPluginLowering;
  readonly examples: readonly PluginExample[];
  readonly seed: number;
}

function done(problems: readonly string[], note: string): CheckOutcome {
  return problems.length > 0 ? { ok: false, message: problems.join('; ') } : { ok: true, message: note };
}

/** The params to check with: those of the first example, else the defaults. */
function paramsOf(input: RoleCheckInput): Record<string, ParamValue> {
  try {
    return exampleParams(input.spec, input.examples[0]);
  } catch (e) {
    const hint = input.examples.length === 0 ? ' (add spec.examples with values for the required params)' : ' (in example 1)';
    throw new Error(`${(e as Error).message}${hint}`, { cause: e });
  }
}

function nodeContext(input: RoleCheckInput, params: Record<string, ParamValue>, shapes: InferResult): NodeContext<AnyPluginSpec['params']> {
  return { nodeId: CONTRACT_NODE, params, shapes, data: {} };
}

async function batchProblems(spec: AnyPluginSpec, shapes: InferResult, batch: TensorMap, what: string): Promise<string[]> {
  const p: string[] = [];
  for (const k of Object.keys(batch)) if (!Object.hasOwn(spec.outputs, k)) p.push(`${what} has "${k}", which is not an output port`);
  for (const [port, v] of Object.entries(shapes.outputs)) {
    if (v.kind !== 'tensor') continue;
    const t = batch[port];
    if (!t) {
      p.push(`${what} has no tensor for output "${port}"`);
      continue;
    }
    const m = shapeMismatch(v.shape, t.shape);
    if (m) p.push(`${what} "${port}": ${m}`);
    if (t.dtype !== v.dtype) p.push(`${what} "${port}": infer says ${v.dtype} but the source gives ${t.dtype}`);
    if (!(await allFinite(t))) p.push(`${what} "${port}" has NaN or Inf`);
  }
  return p;
}

/** A data source's batches match `infer`, are reproducible from the seed, and are freed. */
export async function checkSource(input: RoleCheckInput): Promise<CheckOutcome> {
  const { spec, lowering } = input;
  const params = paramsOf(input);
  const shapes = spec.infer({ params, inputs: {}, fail: makeFail() });
  const make = (): DataSource => lowering.source!({ ...nodeContext(input, params, shapes), rng: createRng(input.seed).fork(`${CONTRACT_NODE}/source`) });
  const a = make();
  const b = make();
  const p: string[] = [];
  const owned: tfc.Tensor[] = [];
  try {
    const { train, eval: evalSize } = a.size;
    if (!Number.isInteger(train) || train <= 0) p.push(`size.train must be a positive integer (got ${train})`);
    if (!Number.isInteger(evalSize) || evalSize < 0) p.push(`size.eval must be a non-negative integer (got ${evalSize})`);
    const batchSize = Math.max(1, Math.min(4, train));
    for (const index of [0, 1]) {
      const x = a.batch('train', index, batchSize);
      const y = b.batch('train', index, batchSize);
      owned.push(...Object.values(x), ...Object.values(y));
      p.push(...(await batchProblems(spec, shapes, x, `train batch ${index}`)));
      for (const [k, t] of Object.entries(x)) if (t.shape[0] !== batchSize) p.push(`train batch ${index} "${k}" has ${t.shape[0]} rows, ${batchSize} asked`);
      p.push(...(await mapDifferences(`train batch ${index} with the same seed:`, x, y, 0)));
    }
    if (evalSize > 0) {
      const all = a.all('eval');
      owned.push(...Object.values(all));
      p.push(...(await batchProblems(spec, shapes, all, 'eval split')));
    }
  } finally {
    tf.dispose(owned);
    a.dispose();
    b.dispose();
  }
  return done(p, `train ${a.size.train} / eval ${a.size.eval} examples; batches match infer and the seed`);
}

/** A schedule returns `totalSteps` finite, non-negative rates, with and without a history. */
export function checkSchedule(input: RoleCheckInput): Promise<CheckOutcome> {
  const { spec, lowering } = input;
  const params = paramsOf(input);
  const shapes = spec.infer({ params, inputs: {}, fail: makeFail() });
  const p: string[] = [];
  const totalSteps = 40;
  const history = { gradNorms: Array.from({ length: totalSteps }, (_, i) => 1 + Math.cos(i / 3) * 0.5) };
  for (const [label, h] of [['no history', undefined], ['a previous run', history]] as const) {
    const run = (): Float32Array => {
      const memory = createRunMemory();
      const ctx: ScheduleContext<AnyPluginSpec['params']> = {
        ...nodeContext(input, params, shapes),
        totalSteps,
        history: h,
        saveData: () => undefined,
        runMemory: memory.forNode(CONTRACT_NODE),
      };
      try {
        return lowering.schedule!(ctx);
      } finally {
        memory.dispose();
      }
    };
    const a = run();
    const b = run();
    if (!(a instanceof Float32Array)) p.push(`with ${label}: schedule must return a Float32Array`);
    if (a.length !== totalSteps) p.push(`with ${label}: ${a.length} rates for ${totalSteps} steps`);
    const bad = Array.from(a).findIndex((v) => !Number.isFinite(v) || v < 0);
    if (bad >= 0) p.push(`with ${label}: rate at step ${bad + 1} is ${a[bad]} (must be finite and >= 0)`);
    if (a.length === b.length && a.some((v, i) => !Object.is(v, b[i]))) p.push(`with ${label}: two calls give different rates`);
  }
  return Promise.resolve(done(p, `${totalSteps} finite rates, deterministic`));
}

function settingsProblems(s: { steps: number; batchSize: number; seed: number; evalEvery: number; lr?: number }, clipNorm: number | undefined): string[] {
  const p: string[] = [];
  if (!Number.isInteger(s.steps) || s.steps <= 0) p.push(`settings.steps must be a positive integer (got ${s.steps})`);
  if (!Number.isInteger(s.batchSize) || s.batchSize <= 0) p.push(`settings.batchSize must be a positive integer (got ${s.batchSize})`);
  if (!Number.isFinite(s.seed)) p.push(`settings.seed must be finite (got ${s.seed})`);
  if (!Number.isInteger(s.evalEvery) || s.evalEvery < 0) p.push(`settings.evalEvery must be an integer >= 0 (got ${s.evalEvery})`);
  if (s.lr !== undefined && (!Number.isFinite(s.lr) || s.lr < 0)) p.push(`settings.lr must be finite and >= 0 (got ${s.lr})`);
  if (clipNorm !== undefined && (!Number.isFinite(clipNorm) || clipNorm <= 0)) p.push(`clipNorm must be finite and > 0 (got ${clipNorm})`);
  return p;
}

/** Runs three updates (with a reset between) on two fresh variables; returns their values. */
async function optimiseOnce(input: RoleCheckInput, params: Record<string, ParamValue>, p: string[]): Promise<Float32Array[]> {
  const shapes = input.spec.infer({ params, inputs: {}, fail: makeFail() });
  const made = input.lowering.optimiser!(nodeContext(input, params, shapes));
  p.push(...settingsProblems(made.settings, made.clipNorm));
  const { rule } = made;
  // tidy frees the initial values; the variables survive it.
  const vars = tf.tidy(() => ({
    'n/kernel': tf.variable(tf.tensor2d([[0.5, -0.25], [1, 2], [-1.5, 0.75]]), true),
    'n/bias': tf.variable(tf.tensor1d([0.1, -0.1]), true),
  }));
  const specs: Record<string, WeightSpec> = {
    'n/kernel': { shape: [3, 2], init: { kind: 'glorotUniform' } },
    'n/bias': { shape: [2], init: { kind: 'zeros' } },
  };
  const grads = { 'n/kernel': tf.tensor2d([[0.3, -0.2], [0.1, 0.4], [-0.5, 0.2]]), 'n/bias': tf.tensor1d([0.2, -0.3]) };
  try {
    const before = await Promise.all(Object.values(vars).map((v) => v.data()));
    rule.apply(grads, vars, 0.01, specs);
    rule.apply(grads, vars, 0.01, specs);
    rule.reset();
    rule.apply(grads, vars, 0.01, specs);
    const after = (await Promise.all(Object.values(vars).map((v) => v.data()))) as Float32Array[];
    Object.keys(vars).forEach((k, i) => {
      const a = after[i]!;
      if (!a.every((x) => Number.isFinite(x))) p.push(`variable "${k}" is not finite after updates`);
      if (a.every((x, j) => x === before[i]![j])) p.push(`rule.apply left variable "${k}" unchanged with a non-zero gradient`);
    });
    return after;
  } finally {
    rule.dispose();
    tf.dispose([...Object.values(vars), ...Object.values(grads)]);
  }
}

/** The settings are sane, the rule updates variables deterministically, and disposes its slots. */
export async function checkOptimiser(input: RoleCheckInput): Promise<CheckOutcome> {
  const params = paramsOf(input);
  const p: string[] = [];
  const a = await optimiseOnce(input, params, p);
  const b = await optimiseOnce(input, params, []);
  if (a.some((v, i) => v.some((x, j) => !Object.is(x, b[i]![j])))) p.push('two rules given the same gradients end at different values');
  return done(p, 'settings sane; updates move variables, deterministic; slots disposed');
}

/** Hooks and calls are functions; a controller acts through at least one hook. */
export function checkHooks(input: RoleCheckInput): Promise<CheckOutcome> {
  const { spec, lowering } = input;
  const p: string[] = [];
  const hooks = Object.entries(lowering.hooks ?? {});
  const known = ['beforeRun', 'transformGradients', 'afterStep', 'afterRun'];
  for (const [name, h] of hooks) {
    if (!known.includes(name)) p.push(`unknown hook "${name}" (known: ${known.join(', ')})`);
    if (typeof h !== 'function') p.push(`hook "${name}" is not a function`);
  }
  for (const [name, c] of Object.entries(lowering.calls ?? {})) if (typeof c !== 'function') p.push(`call "${name}" is not a function`);
  if (spec.role === 'controller' && hooks.length === 0) p.push('a controller acts only through hooks, but its lowering has none');
  return Promise.resolve(done(p, `${hooks.length} hook(s): ${hooks.map(([n]) => n).join(', ') || 'none'}`));
}
