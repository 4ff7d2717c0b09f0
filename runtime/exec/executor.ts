/**
 * Runs a plan forward: steps in plan order, each `apply` inside `tf.tidy`, intermediate tensors
 * disposed after their last reader. The executor owns every tensor it creates: what it returns
 * belongs to the caller, everything else is disposed before it returns (even on error).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { NetwrightError } from '../sdk/errors.ts';
import type { ParamDescriptors } from '../sdk/params.ts';
import { formatShape } from '../sdk/shape.ts';
import { tensorKey, type ExecutionPlan, type PlanStep } from '../compile/plan.ts';
import type { ApplyContext, TensorMap } from '../lower/lowering.ts';
import { createRng, type Rng } from '../lower/rng.ts';
import { readScalars } from './readback.ts';
import { tf } from './tf.ts';
import type { LoweringMap } from './lowerings.ts';
import { applyFailure } from './shapeFailure.ts';
import type { WeightStore } from './weights.ts';

/** Values a node recorded through `report` during one forward: tensors are kept for the caller. */
export type NodeReports = Record<string, Record<string, tfc.Scalar | number>>;

/** Input of {@link forward}. */
export interface ForwardOptions {
  readonly weights: WeightStore['weights'];
  readonly state: WeightStore['state'];
  /** Batch tensors of data-role nodes, by node id then port. Owned by the caller. */
  readonly feeds: Readonly<Record<string, TensorMap>>;
  readonly training: boolean;
  /** 1-based training step; 0 outside training. */
  readonly step: number;
  /** Seed of the per-node, per-step RNGs. */
  readonly seed?: number;
  /** Output keys (`node:port`) to return. Default: every tensor output no step reads. */
  readonly outputs?: readonly string[];
  /** Flag every float output that holds NaN or Inf (`finiteChecks`); for diagnosis, costs a reduction per output. */
  readonly checkFinite?: boolean;
}

/** Where a forward first produced NaN or Inf. */
export interface NonFinite {
  readonly node: string;
  readonly type: string;
  readonly port: string;
}

/** One output's finiteness, as a boolean scalar not yet read back. */
export interface FiniteCheck {
  readonly where: NonFinite;
  readonly flag: tfc.Scalar;
}

/** Output of {@link forward}. The caller owns and disposes every tensor in it. */
export interface ForwardResult {
  readonly outputs: TensorMap;
  readonly reports: NodeReports;
  /**
   * With `checkFinite`: one flag per float output, in run order (read them with
   * {@link firstNonFinite}, which disposes them).
   */
  readonly finiteChecks?: readonly FiniteCheck[];
}

/**
 * Output keys that no tensor-producing step reads: the natural results of a forward (a loss
 * read only by the optimiser counts as a result).
 */
export function sinkOutputs(plan: ExecutionPlan): string[] {
  const read = new Set<string>();
  for (const s of plan.steps) {
    if (!producesTensors(s)) continue;
    for (const ref of Object.values(s.inputs)) read.add(tensorKey(ref));
  }
  const out: string[] = [];
  for (const s of plan.steps) {
    for (const [port, v] of Object.entries(s.outputs)) {
      const key = `${s.node}:${port}`;
      if (v.kind === 'tensor' && !read.has(key)) out.push(key);
    }
  }
  return out;
}

/** Steps needed to compute `keys`: their producers and everything upstream, in plan order. */
export function stepsFor(plan: ExecutionPlan, keys: readonly string[]): PlanStep[] {
  const byNode = new Map(plan.steps.map((s) => [s.node, s]));
  const needed = new Set<string>();
  const stack = keys.map((k) => k.slice(0, k.lastIndexOf(':')));
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (needed.has(node)) continue;
    const step = byNode.get(node);
    if (!step) throw new NetwrightError('ENGINE_UNKNOWN_OUTPUT', `no node "${node}" in the plan`, { node });
    needed.add(node);
    for (const ref of Object.values(step.inputs)) stack.push(ref.node);
  }
  return plan.steps.filter((s) => needed.has(s.node));
}

/**
 * What each step needs from its lowering (by role), and which steps lack it: a message per
 * missing piece, naming the node. Empty when the plan can run.
 */
export function missingLowerings(plan: ExecutionPlan, lowerings: LoweringMap): { node: string; message: string }[] {
  const out: { node: string; message: string }[] = [];
  for (const step of plan.steps) {
    const l = lowerings.get(step.type);
    const need =
      step.role === 'data' ? 'source' : step.role === 'optimiser' ? 'optimiser' : step.role === 'schedule' ? 'schedule' : producesTensors(step) ? 'apply' : undefined;
    if (need === undefined) continue;
    if (!l) out.push({ node: step.node, message: `node "${step.node}" (${step.type}): no lowering is registered for plugin "${step.type}"` });
    else if (l[need] === undefined) out.push({ node: step.node, message: `node "${step.node}" (${step.type}): its lowering has no ${need}()` });
  }
  return out;
}

/** Whether a step produces tensors in a forward (data feeds and nodes with `apply`). */
export function producesTensors(step: PlanStep): boolean {
  return Object.values(step.outputs).some((v) => v.kind === 'tensor');
}

function checkShape(step: PlanStep, port: string, t: tfc.Tensor): void {
  const v = step.outputs[port];
  if (!v || v.kind !== 'tensor') return;
  const ok = v.shape.length === t.shape.length && v.shape.every((d, i) => d === null || d === t.shape[i]);
  if (!ok || v.dtype !== t.dtype) {
    throw new NetwrightError(
      'ENGINE_OUTPUT_SHAPE',
      `node "${step.node}" (${step.type}): output "${port}" is ${t.dtype} ${formatShape(t.shape)} but its spec inferred ${v.dtype} ${formatShape(v.shape)}`,
      { node: step.node, port },
    );
  }
}

function gatherInputs(step: PlanStep, live: Map<string, tfc.Tensor>, schedules: ReadonlySet<string>): TensorMap {
  const inputs: TensorMap = {};
  for (const [port, ref] of Object.entries(step.inputs)) {
    const t = live.get(tensorKey(ref));
    if (t) {
      inputs[port] = t;
      continue;
    }
    // Schedule-kind edges carry no tensor; only tensor inputs must be present.
    if (schedules.has(tensorKey(ref))) continue;
    throw new NetwrightError(
      'ENGINE_MISSING_INPUT',
      `node "${step.node}" (${step.type}): input "${port}" reads ${tensorKey(ref)}, which produced no tensor`,
      { node: step.node, port },
    );
  }
  return inputs;
}

interface StepRun {
  readonly outputs: TensorMap;
  readonly reports: Record<string, tfc.Scalar | number>;
}

interface RunState {
  readonly live: Map<string, tfc.Tensor>;
  /** Keys of schedule-kind outputs (they carry no tensor). */
  readonly schedules: ReadonlySet<string>;
}

function runStep(step: PlanStep, lowerings: LoweringMap, opts: ForwardOptions, run: RunState, rng: Rng): StepRun {
  const reports: Record<string, tfc.Scalar | number> = {};
  if (step.role === 'data') {
    const feed = opts.feeds[step.node];
    if (!feed) {
      throw new NetwrightError('ENGINE_NO_FEED', `data node "${step.node}" (${step.type}) has no batch to read`, {
        node: step.node,
      });
    }
    return { outputs: feed, reports };
  }
  const lowering = lowerings.get(step.type);
  if (!lowering) {
    throw new NetwrightError('ENGINE_NO_LOWERING', `node "${step.node}" (${step.type}): no lowering is registered for plugin "${step.type}"`, {
      node: step.node,
    });
  }
  if (!lowering.apply) {
    throw new NetwrightError('ENGINE_NO_APPLY', `node "${step.node}" (${step.type}) has tensor outputs but its lowering has no apply`, {
      node: step.node,
    });
  }
  const apply = lowering.apply.bind(lowering);
  const inputs = gatherInputs(step, run.live, run.schedules);
  const ctx: ApplyContext<ParamDescriptors> = {
    nodeId: step.node,
    params: step.params,
    shapes: { outputs: step.outputs, weights: step.weights, state: step.state },
    data: step.data,
    weights: opts.weights[step.node] ?? {},
    state: opts.state[step.node] ?? {},
    training: opts.training,
    step: opts.step,
    rng,
    report(name, value) {
      const old = reports[name];
      if (typeof old === 'object') old.dispose();
      reports[name] = typeof value === 'number' ? value : tf.keep(value.clone());
    },
  };
  let outputs: TensorMap;
  try {
    outputs = tf.tidy(() => apply(inputs, ctx));
  } catch (e) {
    for (const r of Object.values(reports)) if (typeof r === 'object') r.dispose();
    throw applyFailure(step, inputs, ctx.weights, e);
  }
  return { outputs, reports };
}

/**
 * The first output whose flag says it is not finite, read back once (asynchronously: a
 * synchronous read in a worker stalls GPU backends). Disposes the flags.
 */
export async function firstNonFinite(checks: readonly FiniteCheck[]): Promise<NonFinite | undefined> {
  try {
    const ok = await readScalars(checks.map((c) => c.flag));
    return checks.find((_, i) => ok[i] !== 1)?.where;
  } finally {
    for (const c of checks) c.flag.dispose();
  }
}

/**
 * Runs the plan (or the part of it the requested outputs need) forward.
 * @throws NetwrightError `ENGINE_NODE_FAILED` naming the node whose lowering threw, and
 *   `ENGINE_*` codes for feeds, shapes and missing lowerings.
 */
export function forward(plan: ExecutionPlan, lowerings: LoweringMap, opts: ForwardOptions): ForwardResult {
  const wanted = new Set(opts.outputs ?? sinkOutputs(plan));
  const steps = stepsFor(plan, [...wanted]).filter(producesTensors);
  const feedTensors = new Set<tfc.Tensor>();
  for (const feed of Object.values(opts.feeds)) for (const t of Object.values(feed)) feedTensors.add(t);
  const live = new Map<string, tfc.Tensor>();
  const reports: NodeReports = {};
  const schedules = new Set<string>();
  for (const s of plan.steps) {
    for (const [port, v] of Object.entries(s.outputs)) if (v.kind !== 'tensor') schedules.add(`${s.node}:${port}`);
  }
  const root = createRng(opts.seed ?? 0);
  const drop = (key: string): void => {
    const t = live.get(key);
    if (!t || wanted.has(key)) return;
    live.delete(key);
    // A pass-through node (identity, dropout at inference) returns its input itself: the
    // tensor then lives on under another key and must not be disposed yet.
    if (!feedTensors.has(t) && ![...live.values()].includes(t)) t.dispose();
  };
  const finiteChecks: FiniteCheck[] = [];
  const returned = new Set<tfc.Tensor>();
  const outputs: TensorMap = {};
  try {
    for (const step of steps) {
      const rng = root.fork(`${step.node}@${opts.step}`);
      const run = runStep(step, lowerings, opts, { live, schedules }, rng);
      if (Object.keys(run.reports).length > 0) reports[step.node] = run.reports;
      for (const [port, t] of Object.entries(run.outputs)) {
        const key = `${step.node}:${port}`;
        if (step.outputs[port]?.kind !== 'tensor') {
          // Extra ports the spec does not declare are not part of the graph.
          if (!feedTensors.has(t)) t.dispose();
          continue;
        }
        live.set(key, t);
      }
      for (const [port, v] of Object.entries(step.outputs)) {
        if (v.kind !== 'tensor') continue;
        const t = live.get(`${step.node}:${port}`);
        // A feed may leave out ports nothing downstream reads (labels, at inference).
        if (!t && step.role === 'data') continue;
        if (!t) {
          throw new NetwrightError('ENGINE_MISSING_OUTPUT', `node "${step.node}" (${step.type}) did not produce output "${port}"`, {
            node: step.node,
            port,
          });
        }
        checkShape(step, port, t);
        if (opts.checkFinite && t.dtype === 'float32') finiteChecks.push({ where: { node: step.node, type: step.type, port }, flag: tf.keep(tf.tidy(() => tf.all(tf.isFinite(t)))) });
      }
      for (const key of step.release) drop(key);
    }
    for (const key of wanted) {
      const t = live.get(key);
      if (!t) {
        throw new NetwrightError('ENGINE_UNKNOWN_OUTPUT', `the plan has no tensor output ${key}`);
      }
      // Callers own results; a fed tensor passed straight through stays the feeder's.
      outputs[key] = feedTensors.has(t) ? tf.keep(t.clone()) : t;
      returned.add(t);
      live.delete(key);
    }
    return opts.checkFinite ? { outputs, reports, finiteChecks } : { outputs, reports };
  } catch (e) {
    disposeReports(reports);
    for (const c of finiteChecks) c.flag.dispose();
    tf.dispose(outputs);
    returned.clear();
    throw e;
  } finally {
    for (const t of live.values()) if (!feedTensors.has(t) && !returned.has(t)) t.dispose();
  }
}

/** Disposes the tensors of a forward's reports. */
export function disposeReports(reports: NodeReports): void {
  for (const r of Object.values(reports)) for (const v of Object.values(r)) if (typeof v === 'object') v.dispose();
}
