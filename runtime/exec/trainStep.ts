/**
 * One optimiser step: forward in training mode under `tf.variableGrads`, weight penalties,
 * gradient hooks, global-norm clipping, per-weight learning-rate scales, the update rule.
 * The trainer's steps never wait on the device ({@link stepOnDevice}: loss, metrics, reports and
 * the gradient norm stay there until {@link readPending} reads a whole interval at once, and
 * clipping is decided on the device); {@link checkedStep} reads the loss before the update, so
 * that a non-finite loss stops with the weights untouched and names the first node that went bad.
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

/** The global L2 norm of the gradients as a device scalar (owned by the caller). */
function globalNorm(grads: TensorMap): tfc.Scalar {
  return tf.tidy(() => {
    const all = Object.values(grads);
    if (all.length === 0) return tf.scalar(0);
    // All gradients as one vector: three kernels for the norm, not two per weight (docs/adr/0006).
    const flat = all.map((g) => (g.rank === 1 ? g : tf.reshape(g, [-1])));
    return tf.sqrt(tf.sum(tf.square(flat.length === 1 ? flat[0]! : tf.concat(flat))));
  });
}

/**
 * Scales the gradients by `clip / max(norm, clip)` on the device: 1 (exactly) when the norm is
 * within `clip`, so no readback decides whether to clip. Disposes `grads`.
 */
function clipOnDevice(grads: TensorMap, norm: tfc.Scalar, clip: number): TensorMap {
  return tf.tidy(() => {
    const c = tf.scalar(clip);
    const factor = tf.div(c, tf.maximum(norm, c));
    const scaled = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, factor)]));
    tf.dispose(grads);
    return scaled;
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

/** A step that ran on the device and has not been read back yet. */
export interface PendingStep {
  readonly step: number;
  readonly lr: number;
  /** `[loss, ...metrics, ...reported tensors, gradNorm]` as float32, kept until read back. */
  readonly values: tfc.Tensor1D;
  readonly metricNames: readonly string[];
  /** Where the reported tensors go in `diagnostics`, in the order of `values`. */
  readonly reportSlots: readonly { readonly node: string; readonly name: string }[];
  /** The step's diagnostics: numbers now, reported tensors once read back. */
  readonly diagnostics: NodeDiagnostics;
}

/** A step after its readback. */
export interface ReadStep extends StepOutcome {
  readonly step: number;
  readonly lr: number;
  readonly diagnostics: NodeDiagnostics;
}

/** The first element of each tensor as one float32 vector (no kernel for float32 scalars beyond a reshape). */
export function packScalars(tensors: readonly tfc.Tensor[]): tfc.Tensor1D {
  return tf.tidy(() => {
    if (tensors.length === 0) return tf.tensor1d([], 'float32');
    const parts = tensors.map((t) => {
      const first = t.size === 1 ? tf.reshape(t, [1]) : tf.slice(tf.reshape(t, [-1]), 0, 1);
      return first.dtype === 'float32' ? first : tf.cast(first, 'float32');
    });
    return (parts.length === 1 ? parts[0]! : tf.concat(parts)) as tfc.Tensor1D;
  });
}

/** Turns a pending step and its values, read back, into what it measured; fills its diagnostics. */
export function readStep(pending: PendingStep, values: ArrayLike<number>, offset: number): ReadStep {
  const metrics: Record<string, number> = {};
  pending.metricNames.forEach((name, i) => {
    metrics[name] = values[offset + 1 + i]!;
  });
  const first = offset + 1 + pending.metricNames.length;
  pending.reportSlots.forEach(({ node, name }, i) => {
    (pending.diagnostics[node] ??= {})[name] = values[first + i]!;
  });
  const gradNorm = values[first + pending.reportSlots.length]!;
  return { step: pending.step, lr: pending.lr, loss: values[offset]!, metrics, gradNorm, diagnostics: pending.diagnostics };
}

/** What the forward under the tape gave: the step's loss, metrics, reports and gradients. */
type Computed = ReturnType<typeof computeGradients>;

/** The part of a step after the forward: hooks, norm, clipping, update; packs what to read back. */
function finishStep(env: StepEnv, computed: Computed, step: number, lr: number, diagnostics: NodeDiagnostics): PendingStep {
  const { loss, metrics, reports, grads: raw } = computed;
  let grads = raw;
  let norm: tfc.Scalar | undefined;
  try {
    const metricNames = Object.keys(metrics);
    const reported = reportTensors(reports);
    // Numbers now; tensors hold their place (key order) until the readback fills them in.
    storeReports(reports, reported.map(() => Number.NaN), diagnostics);
    grads = transformGradients(env.setup.hooked, env.hookEnv, raw, step);
    norm = globalNorm(grads);
    if (env.setup.clipNorm > 0) grads = clipOnDevice(grads, norm, env.setup.clipNorm);
    applyUpdate(env, grads, lr);
    const values = tf.keep(packScalars([loss, ...metricNames.map((n) => metrics[n]!), ...reported.map((r) => r.value), norm]));
    return { step, lr, values, metricNames, reportSlots: reported.map(({ node, name }) => ({ node, name })), diagnostics };
  } finally {
    loss.dispose();
    tf.dispose(metrics);
    disposeReports(reports);
    norm?.dispose();
    // Disposing twice is a no-op: the hooks and the clipping may have replaced or freed some.
    tf.dispose(raw);
    tf.dispose(grads);
  }
}

/**
 * Runs one training step on `feeds` (owned by the caller) and updates the weights, without
 * waiting on the device: what it measured stays there until {@link readPending} reads it with
 * the other steps of the interval. A non-finite loss is not detected here (the update runs on it):
 * the trainer finds it at the readback and replays the step with {@link checkedStep}.
 */
export function stepOnDevice(env: StepEnv, feeds: Readonly<Record<string, TensorMap>>, step: number, lr: number, diagnostics: NodeDiagnostics): PendingStep {
  return finishStep(env, computeGradients(env, feeds, step), step, lr, diagnostics);
}

/**
 * One training step that reads the loss back before the update (a stall): a non-finite loss
 * stops it with the weights untouched and the error names the first non-finite node.
 * @throws NetwrightError `TRAIN_NONFINITE` when the loss is NaN or infinite (no update made).
 */
export async function checkedStep(env: StepEnv, feeds: Readonly<Record<string, TensorMap>>, step: number, lr: number, diagnostics: NodeDiagnostics): Promise<PendingStep> {
  const computed = computeGradients(env, feeds, step);
  let loss: number;
  try {
    loss = (await readScalars([computed.loss]))[0]!;
  } catch (e) {
    disposeComputed(computed);
    throw e;
  }
  if (!Number.isFinite(loss)) {
    disposeComputed(computed);
    throw await nonFiniteError(env, feeds, step, loss);
  }
  return finishStep(env, computed, step, lr, diagnostics);
}

function disposeComputed(c: Computed): void {
  c.loss.dispose();
  tf.dispose(c.metrics);
  disposeReports(c.reports);
  tf.dispose(c.grads);
}

/**
 * Reads pending steps back with one readback, together with the first element of each of
 * `extra` (e.g. an evaluation's loss and metrics), and frees their values.
 */
export async function readPending(pending: readonly PendingStep[], extra: readonly tfc.Tensor[] = []): Promise<{ steps: ReadStep[]; extra: number[] }> {
  if (pending.length === 0 && extra.length === 0) return { steps: [], extra: [] };
  let packed: tfc.Tensor1D | undefined;
  let values: ArrayLike<number>;
  try {
    packed = tf.tidy(() => {
      const parts: tfc.Tensor1D[] = pending.map((p) => p.values);
      if (extra.length > 0) parts.push(packScalars(extra));
      return parts.length === 1 ? tf.clone(parts[0]!) : tf.concat<tfc.Tensor1D>(parts);
    });
    values = await packed.data();
  } finally {
    packed?.dispose();
    for (const p of pending) p.values.dispose();
  }
  const steps: ReadStep[] = [];
  let offset = 0;
  for (const p of pending) {
    steps.push(readStep(p, values, offset));
    offset += p.values.size;
  }
  return { steps, extra: Array.from({ length: extra.length }, (_, i) => values[offset + i]!) };
}
