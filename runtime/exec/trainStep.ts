/**
 * One optimiser step: forward in training mode under `tf.variableGrads`, weight penalties,
 * gradient hooks, global-norm clipping, per-weight learning-rate scales, the update rule.
 * A non-finite loss stops before the update and names the first node whose output went bad.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { NetwrightError } from '../sdk/errors.ts';
import type { WeightSpec } from '../sdk/plugin.ts';
import type { ExecutionPlan } from '../compile/plan.ts';
import { disposeReports, firstNonFinite, forward, type ForwardOptions, type ForwardResult, type NodeReports } from './executor.ts';
import { readScalars } from './readback.ts';
import { transformGradients, type HookEnv } from './hooks.ts';
import type { TensorMap } from '../lower/lowering.ts';
import type { RunSetup } from './runSetup.ts';
import { freeAbandonedTape } from './tape.ts';
import { tf } from './tf.ts';
import type { NodeDiagnostics } from './trainTypes.ts';
import { nodeFailure, type LoweringMap } from './lowerings.ts';
import type { WeightStore } from './weights.ts';

/** What one step measured. */
export interface StepOutcome {
  readonly loss: number;
  readonly metrics: Record<string, number>;
  readonly gradNorm: number;
}

/** The fixed parts of a run that every step uses. */
export interface StepEnv {
  readonly plan: ExecutionPlan;
  readonly lowerings: LoweringMap;
  readonly store: WeightStore;
  readonly setup: RunSetup;
  readonly hookEnv: HookEnv;
  /** Trainable variables by manifest key `node/weight`. */
  readonly trainable: ReadonlyMap<string, tfc.Variable>;
}

/** The tensor-valued entries of a forward's reports, in a fixed order, to read in one go. */
function reportTensors(reports: NodeReports): { node: string; name: string; value: tfc.Tensor }[] {
  return Object.entries(reports).flatMap(([node, values]) =>
    Object.entries(values).flatMap(([name, v]) => (typeof v === 'number' ? [] : [{ node, name, value: v }])),
  );
}

/** Writes reports into a diagnostics record: numbers as they are, tensors from `read` (same order as {@link reportTensors}). */
function storeReports(reports: NodeReports, read: readonly number[], into: NodeDiagnostics): void {
  let i = 0;
  for (const [node, values] of Object.entries(reports)) {
    for (const [name, v] of Object.entries(values)) (into[node] ??= {})[name] = typeof v === 'number' ? v : read[i++]!;
  }
}

/** Adds the numbers of a forward's reports to a diagnostics record (one readback). */
export async function readReports(reports: NodeReports, into: NodeDiagnostics): Promise<void> {
  storeReports(reports, await readScalars(reportTensors(reports).map((r) => r.value)), into);
}

function penalty(env: StepEnv): tfc.Scalar | undefined {
  let total: tfc.Scalar | undefined;
  for (const [key, v] of env.trainable) {
    const optim = env.setup.weightSpecs.get(key)?.optim;
    const l1 = optim?.l1 ?? 0;
    const l2 = optim?.l2 ?? 0;
    if (l1 === 0 && l2 === 0) continue;
    let term = tf.scalar(0);
    if (l1 !== 0) term = tf.add(term, tf.mul(l1, tf.sum(tf.abs(v))));
    if (l2 !== 0) term = tf.add(term, tf.mul(l2, tf.sum(tf.square(v))));
    total = total ? tf.add(total, term) : term;
  }
  return total;
}

/** The step's forward in training mode with the run's weights, state and seed. */
function trainingForward(
  env: StepEnv,
  feeds: Readonly<Record<string, TensorMap>>,
  step: number,
  opts: Pick<ForwardOptions, 'outputs' | 'checkFinite'>,
): ForwardResult {
  return forward(env.plan, env.lowerings, {
    weights: env.store.weights,
    state: env.store.state,
    feeds,
    training: true,
    step,
    seed: env.setup.settings.seed,
    ...opts,
  });
}

/** Runs the forward under the gradient tape; returns gradients keyed `node/weight`. */
function computeGradients(
  env: StepEnv,
  feeds: Readonly<Record<string, TensorMap>>,
  step: number,
): { loss: tfc.Scalar; metrics: TensorMap; reports: NodeReports; grads: TensorMap } {
  const { setup } = env;
  const keyOfVar = new Map<string, string>();
  for (const [key, v] of env.trainable) keyOfVar.set(v.name, key);
  let loss: tfc.Scalar | undefined;
  let reports: NodeReports = {};
  const metrics: TensorMap = {};
  const wanted = [setup.lossKey, ...Object.values(setup.metricKeys)];
  let value: tfc.Scalar;
  let named: Record<string, tfc.Tensor>;
  try {
    ({ value, grads: named } = tf.variableGrads(() => {
      const r = trainingForward(env, feeds, step, { outputs: wanted });
      reports = r.reports;
      loss = tf.keep(r.outputs[setup.lossKey] as tfc.Scalar);
      for (const [name, key] of Object.entries(setup.metricKeys)) metrics[name] = tf.keep(r.outputs[key]!);
      const pen = penalty(env);
      return pen ? tf.add(loss, pen) : loss;
    }, [...env.trainable.values()]));
  } catch (e) {
    loss?.dispose();
    tf.dispose(metrics);
    disposeReports(reports);
    freeAbandonedTape();
    throw e;
  }
  if (value !== loss) value.dispose();
  const grads: TensorMap = {};
  for (const [name, g] of Object.entries(named)) grads[keyOfVar.get(name) ?? name] = g;
  return { loss: loss!, metrics, reports, grads };
}

/** Reruns the step's forward checking every output, and builds the error that names it. */
async function nonFiniteError(env: StepEnv, feeds: Readonly<Record<string, TensorMap>>, step: number, loss: number): Promise<NetwrightError> {
  const weightEntries = [...env.store.byKey];
  const flags = tf.tidy(() => weightEntries.map(([, v]) => tf.all(tf.isFinite(v))));
  const weightOk = await readScalars(flags).finally(() => {
    tf.dispose(flags);
  });
  const badWeights = weightEntries.filter((_, i) => weightOk[i] !== 1).map(([k]) => k);
  const r = trainingForward(env, feeds, step, { outputs: [env.setup.lossKey], checkFinite: true });
  tf.dispose(r.outputs);
  disposeReports(r.reports);
  const nonFinite = await firstNonFinite(r.finiteChecks ?? []);
  const where = nonFinite ? `; the first non-finite output is node "${nonFinite.node}" (${nonFinite.type}) port "${nonFinite.port}"` : '';
  const weights = badWeights.length > 0 ? `; non-finite weights: ${badWeights.slice(0, 5).join(', ')}` : '';
  const hint = ' (try a lower learning rate, gradient clipping, or check the data)';
  return new NetwrightError('TRAIN_NONFINITE', `loss became ${loss} at step ${step}${where}${weights}${hint}`, nonFinite ? { node: nonFinite.node, port: nonFinite.port } : {}, step);
}

function globalNorm(grads: TensorMap): Promise<Float32Array | Int32Array | Uint8Array> {
  const norm = tf.tidy(() => {
    const all = Object.values(grads);
    if (all.length === 0) return tf.scalar(0);
    // All gradients as one vector: three kernels for the norm, not two per weight (docs/adr/0006).
    const flat = all.map((g) => (g.rank === 1 ? g : tf.reshape(g, [-1])));
    return tf.sqrt(tf.sum(tf.square(flat.length === 1 ? flat[0]! : tf.concat(flat))));
  });
  return norm.data().finally(() => {
    norm.dispose();
  });
}

/** Applies the optimiser's update rule to `grads`, once per distinct `lrScale`, as a step does. */
export function applyUpdate(env: StepEnv, grads: TensorMap, lr: number): void {
  const groups = new Map<number, string[]>();
  for (const key of Object.keys(grads)) {
    const scale = env.setup.weightSpecs.get(key)?.optim?.lrScale ?? 1;
    let g = groups.get(scale);
    if (!g) groups.set(scale, (g = []));
    g.push(key);
  }
  // One call per distinct lrScale (usually exactly one): a rule sees one learning rate per call.
  for (const [scale, keys] of [...groups].sort((a, b) => a[0] - b[0])) {
    const g: TensorMap = {};
    const vars: Record<string, tfc.Variable> = {};
    const specs: Record<string, WeightSpec> = {};
    for (const k of keys) {
      g[k] = grads[k]!;
      vars[k] = env.trainable.get(k)!;
      const spec = env.setup.weightSpecs.get(k);
      if (spec) specs[k] = spec;
    }
    try {
      tf.tidy(() => {
        env.setup.rule.apply(g, vars, lr * scale, specs);
      });
    } catch (e) {
      throw nodeFailure(env.setup.optimiser, 'its update rule', e);
    }
  }
}

/**
 * Runs one training step on `feeds` (owned by the caller) and updates the weights.
 * @throws NetwrightError `TRAIN_NONFINITE` when the loss is NaN or infinite (no update made).
 */
export async function trainStep(
  env: StepEnv,
  feeds: Readonly<Record<string, TensorMap>>,
  step: number,
  lr: number,
  diagnostics: NodeDiagnostics,
): Promise<StepOutcome> {
  const { loss, metrics, reports, grads: raw } = computeGradients(env, feeds, step);
  let grads = raw;
  try {
    // Loss, metrics and reports in one readback; the gradient norm (after the hooks) is the other.
    const metricNames = Object.keys(metrics);
    const reported = reportTensors(reports);
    const values = await readScalars([loss, ...metricNames.map((n) => metrics[n]!), ...reported.map((r) => r.value)]);
    const lossValue = values[0]!;
    if (!Number.isFinite(lossValue)) throw await nonFiniteError(env, feeds, step, lossValue);
    storeReports(reports, values.slice(1 + metricNames.length), diagnostics);
    const metricValues: Record<string, number> = {};
    metricNames.forEach((name, i) => {
      metricValues[name] = values[1 + i]!;
    });
    grads = transformGradients(env.setup.hooked, env.hookEnv, raw, step);
    const gradNorm = (await globalNorm(grads))[0]!;
    const clip = env.setup.clipNorm;
    if (clip > 0 && gradNorm > clip) {
      const scaled = tf.tidy(() => {
        const factor = tf.scalar(clip / gradNorm);
        return Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, factor)]));
      });
      tf.dispose(grads);
      grads = scaled;
    }
    applyUpdate(env, grads, lr);
    return { loss: lossValue, metrics: metricValues, gradNorm };
  } finally {
    loss.dispose();
    tf.dispose(metrics);
    disposeReports(reports);
    tf.dispose(raw);
    tf.dispose(grads);
  }
}
