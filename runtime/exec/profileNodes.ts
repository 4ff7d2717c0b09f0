/**
 * Per-node forward and backward times of one training step, attributed exactly by running each
 * node alone. A training forward through the real executor captures every node's inputs and
 * context; then, in reverse plan order, each node on the gradient path runs once more under
 * the tape, from its captured inputs, with the gradient that reaches its outputs (`dy`, built
 * by the nodes after it in this same pass): the gradients of `Σ apply(inputs) · dy` with
 * respect to its inputs and trainable weights are exactly its share of the step's backward
 * pass, and they give the `dy` of the nodes before it. Extra runs, but no estimate.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { ParamDescriptors } from '../sdk/params.ts';
import { tensorKey, type ExecutionPlan, type PlanStep } from '../compile/plan.ts';
import type { AnyPluginLowering, ApplyContext, TensorMap } from '../lower/lowering.ts';
import { createRng } from '../lower/rng.ts';
import { disposeReports, forward } from './executor.ts';
import { nodeFailure, type LoweringMap } from './lowerings.ts';
import { clockMs, type RegionClock } from './profileClock.ts';
import { tf } from './tf.ts';
import type { WeightStore } from './weights.ts';

/** One node's call, captured from a training forward, to run it again alone. */
interface NodeCall {
  readonly step: PlanStep;
  readonly lowering: AnyPluginLowering;
  /** Copies of its inputs, kept until the capture is disposed. */
  readonly inputs: TensorMap;
  readonly ctx: ApplyContext<ParamDescriptors>;
}

/** The captured calls of one forward, in plan order. Owns the input copies. */
export interface CapturedForward {
  readonly calls: readonly NodeCall[];
  dispose(): void;
}

/** What {@link captureForward} runs. */
export interface CaptureEnv {
  readonly plan: ExecutionPlan;
  readonly lowerings: LoweringMap;
  readonly store: WeightStore;
  readonly seed: number;
}

/**
 * Runs the step's training forward through the executor (to `outputs`) and keeps each
 * node's inputs and context. The forward's own results are disposed.
 */
export function captureForward(
  env: CaptureEnv,
  feeds: Readonly<Record<string, TensorMap>>,
  step: number,
  outputs: readonly string[],
): CapturedForward {
  const calls: NodeCall[] = [];
  const dispose = (): void => {
    for (const c of calls) tf.dispose(Object.values(c.inputs));
  };
  const byNode = new Map(env.plan.steps.map((s) => [s.node, s]));
  const wrapped = new Map<string, AnyPluginLowering>();
  for (const [id, lowering] of env.lowerings) {
    const apply = lowering.apply?.bind(lowering);
    if (!apply) continue;
    wrapped.set(id, {
      id,
      apply(inputs, ctx) {
        const planStep = byNode.get(ctx.nodeId);
        if (planStep) {
          const copies: TensorMap = {};
          for (const [port, t] of Object.entries(inputs)) copies[port] = tf.keep(t.clone());
          calls.push({ step: planStep, lowering, inputs: copies, ctx });
        }
        return apply(inputs, ctx);
      },
    });
  }
  try {
    const r = forward(env.plan, wrapped, {
      weights: env.store.weights,
      state: env.store.state,
      feeds,
      training: true,
      step,
      seed: env.seed,
      outputs,
    });
    tf.dispose(r.outputs);
    disposeReports(r.reports);
  } catch (e) {
    dispose();
    throw e;
  }
  return { calls, dispose };
}

/** A node's context for one more call: a fresh RNG (the same numbers as the step's) and no reports. */
function callContext(call: NodeCall, seed: number): ApplyContext<ParamDescriptors> {
  return {
    ...call.ctx,
    rng: createRng(seed).fork(`${call.step.node}@${call.ctx.step}`),
    report: () => undefined,
  };
}

/** Runs a captured node's apply (inside `tf.tidy`, as the executor does). */
function applyAgain(call: NodeCall, seed: number): TensorMap {
  try {
    return tf.tidy(() => call.lowering.apply!(call.inputs, callContext(call, seed)));
  } catch (e) {
    throw nodeFailure(call.step, 'apply', e);
  }
}

/** Disposes `tensors` except the captured inputs a pass-through node returned as they are. */
function disposeResults(tensors: Iterable<tfc.Tensor>, call: NodeCall): void {
  const own = new Set(Object.values(call.inputs));
  for (const t of tensors) if (!own.has(t)) t.dispose();
}

/**
 * Runs of each timed region per step; the fastest counts. A second run leaves out most of
 * what is not the node's (a garbage collection, a thread preempted on a busy machine).
 */
const RUNS = 2;

/** Output keys whose value depends on a trainable weight: the tensors the tape differentiates. */
function gradientPath(plan: ExecutionPlan, store: WeightStore): Set<string> {
  const out = new Set<string>();
  for (const s of plan.steps) {
    const own = Object.keys(s.weights).some((w) => store.byKey.get(`${s.node}/${w}`)?.trainable === true);
    const upstream = Object.values(s.inputs).some((ref) => out.has(tensorKey(ref)));
    if (own || upstream) for (const port of Object.keys(s.outputs)) out.add(`${s.node}:${port}`);
  }
  return out;
}

/** One node's measured times (ms) and, when counted, kernels. */
export interface NodeMeasure {
  readonly forwardMs: number;
  readonly backwardMs: number;
  readonly forwardKernels?: number;
  readonly backwardKernels?: number;
}

/** What {@link measureNodes} returns: per-node times, and the weights' gradients (owned by the caller). */
export interface MeasuredStep {
  readonly nodes: ReadonlyMap<string, NodeMeasure>;
  /** Gradients by weight key `node/weight`, as the step's backward pass gives them (without penalties). */
  readonly grads: TensorMap;
}

/** A node's vector-Jacobian product: its outputs' gradients flowing back to `xs`. */
interface Backward {
  /** Output ports with a gradient, in order. */
  readonly ports: readonly string[];
  /** The gradient of the (flattened, joined) outputs: one tensor, owned here. */
  readonly dy: tfc.Tensor;
  readonly xs: readonly tfc.Tensor[];
  /** Input port (or `weight:<name>`) of each of `xs`. */
  readonly names: readonly string[];
}

/**
 * Runs `call` under the tape and returns the gradients of `xs` (entries undefined where none
 * flows; an entry may be `b.dy` itself).
 */
function runBackward(
  call: NodeCall,
  b: Backward,
  seed: number,
  onForwardEnd?: () => void,
): (tfc.Tensor | undefined)[] {
  let value: tfc.Tensor | undefined;
  try {
    const r = tf.engine().gradients(
      () => {
        const outs = call.lowering.apply!(call.inputs, callContext(call, seed));
        onForwardEnd?.();
        const ys = b.ports.map((p) => {
          const y = outs[p];
          if (!y) throw new Error(`did not produce output "${p}"`);
          return y;
        });
        // Several outputs with a gradient: one vector (a few reshape/concat kernels more).
        return ys.length === 1 ? ys[0]! : tf.concat(ys.map((y) => tf.reshape(y, [-1])));
      },
      [...b.xs],
      b.dy,
      true,
    );
    value = r.value;
    // A pass-through node hands `dy` itself back as its input's gradient (the caller copies it).
    return r.grads;
  } catch (e) {
    throw nodeFailure(call.step, 'apply (backward)', e);
  } finally {
    if (value) disposeResults([value], call);
  }
}

/** Kernels `f` runs (tfjs's profiler), its result disposed by `dispose`. */
async function countKernels<T>(f: () => T, dispose: (r: T) => void): Promise<number> {
  let result: T | undefined;
  const info = await tf.profile(() => {
    result = f();
  });
  if (result !== undefined) dispose(result);
  return info.kernels.length;
}

/** Adds `g` to the gradient accumulated for `key` (takes ownership of `g`). */
function accumulate(dys: Map<string, tfc.Tensor>, key: string, g: tfc.Tensor): void {
  const old = dys.get(key);
  if (!old) {
    dys.set(key, g);
    return;
  }
  dys.set(key, tf.add(old, g));
  old.dispose();
  g.dispose();
}

/** The backward of `call`, if gradients reach its outputs and flow to an input or weight. */
function backwardOf(
  call: NodeCall,
  dys: ReadonlyMap<string, tfc.Tensor>,
  path: ReadonlySet<string>,
  store: WeightStore,
): Backward | undefined {
  const { step } = call;
  const ports = Object.keys(step.outputs).filter((p) => dys.has(`${step.node}:${p}`));
  if (ports.length === 0) return undefined;
  const xs: tfc.Tensor[] = [];
  const names: string[] = [];
  for (const [port, t] of Object.entries(call.inputs)) {
    const ref = step.inputs[port];
    if (ref && path.has(tensorKey(ref)) && t.dtype === 'float32') {
      xs.push(t);
      names.push(port);
    }
  }
  for (const [name, w] of Object.entries(call.ctx.weights)) {
    if (store.byKey.get(`${step.node}/${name}`)?.trainable === true) {
      xs.push(w);
      names.push(`weight:${name}`);
    }
  }
  if (xs.length === 0) return undefined;
  const parts = ports.map((p) => dys.get(`${step.node}:${p}`)!);
  const dy =
    parts.length === 1 ? parts[0]!.clone() : tf.tidy(() => tf.concat(parts.map((d) => tf.reshape(d, [-1]))));
  return { ports, dy, xs, names };
}

/** Options of {@link measureNodes}. */
export interface MeasureOptions {
  readonly plan: ExecutionPlan;
  readonly store: WeightStore;
  readonly seed: number;
  readonly clock: RegionClock;
  /** The loss the step minimises (`node:port`): its gradient is 1. */
  readonly lossKey: string;
  /** Count each node's kernels too (extra runs under tfjs's profiler). */
  readonly countKernels: boolean;
}

/**
 * Times every captured node's forward and backward, each the faster of {@link RUNS} runs.
 * Forward: the node's `apply` alone (on cpu and wasm, for nodes on the gradient path, the
 * forward part of the backward run below, which runs under the tape as in a step). Backward:
 * the gradient run minus its forward part (a stamp between them on cpu and wasm; the node's
 * forward time on GPU backends).
 */
export async function measureNodes(captured: CapturedForward, o: MeasureOptions): Promise<MeasuredStep> {
  const { clock, seed } = o;
  const path = gradientPath(o.plan, o.store);
  const dys = new Map<string, tfc.Tensor>([[o.lossKey, tf.scalar(1)]]);
  const grads: TensorMap = {};
  const nodes = new Map<string, NodeMeasure>();
  try {
    for (const call of [...captured.calls].reverse()) {
      const forwardKernels = o.countKernels
        ? await countKernels(
            () => applyAgain(call, seed),
            (r) => {
              disposeResults(Object.values(r), call);
            },
          )
        : undefined;
      let fwdMs = Infinity;
      for (let i = 0; i < RUNS; i++) {
        const fwd = await clock.time(
          () => applyAgain(call, seed),
          (r) => Object.values(r),
        );
        disposeResults(Object.values(fwd.result), call);
        fwdMs = Math.min(fwdMs, fwd.ms);
      }
      let forwardMs = fwdMs;
      let backwardMs = 0;
      let backwardKernels: number | undefined;
      const b = backwardOf(call, dys, path, o.store);
      if (b) {
        try {
          if (o.countKernels && forwardKernels !== undefined) {
            const total = await countKernels(
              () => runBackward(call, b, seed),
              (gs) => {
                tf.dispose(gs.filter((g) => g !== undefined && g !== b.dy));
              },
            );
            backwardKernels = Math.max(0, total - forwardKernels);
          }
          let gs: (tfc.Tensor | undefined)[] = [];
          forwardMs = clock.synchronous ? Infinity : fwdMs;
          backwardMs = Infinity;
          for (let i = 0; i < RUNS; i++) {
            tf.dispose(gs.filter((g) => g !== undefined && g !== b.dy));
            if (clock.synchronous) {
              // Kernels ran as they were called: a stamp between the two halves splits the run.
              const t0 = clockMs();
              let stamp = t0;
              gs = runBackward(call, b, seed, () => (stamp = clockMs()));
              forwardMs = Math.min(forwardMs, stamp - t0);
              backwardMs = Math.min(backwardMs, clockMs() - stamp);
            } else {
              const run = await clock.time(
                () => runBackward(call, b, seed),
                (r) => r.filter((g) => g !== undefined),
              );
              gs = run.result;
              backwardMs = Math.min(backwardMs, Math.max(0, run.ms - fwdMs));
            }
          }
          gs.forEach((found, i) => {
            if (!found) return;
            const g = found === b.dy ? found.clone() : found;
            const name = b.names[i]!;
            if (name.startsWith('weight:')) grads[`${call.step.node}/${name.slice(7)}`] = g;
            else accumulate(dys, tensorKey(call.step.inputs[name]!), g);
          });
        } finally {
          b.dy.dispose();
        }
      }
      for (const p of Object.keys(call.step.outputs)) {
        const key = `${call.step.node}:${p}`;
        dys.get(key)?.dispose();
        dys.delete(key);
      }
      nodes.set(call.step.node, {
        forwardMs,
        backwardMs,
        ...(forwardKernels === undefined ? {} : { forwardKernels, backwardKernels: backwardKernels ?? 0 }),
      });
    }
  } catch (e) {
    tf.dispose(Object.values(grads));
    throw e;
  } finally {
    tf.dispose([...dys.values()]);
  }
  return { nodes, grads };
}
