import type * as tf from '@tensorflow/tfjs-core';
import type { ParamDescriptors, ParamValues } from '../sdk/params.ts';
import type { InferResult, PluginSpec, WeightSpec } from '../sdk/plugin.ts';
import type { Rng } from './rng.ts';

/** Tensors keyed by port or weight name. */
export type TensorMap = Record<string, tf.Tensor>;

/** The tfjs namespace a lowering runs with (core ops, gradients, variables). */
export type TfNamespace = typeof tf;

/** What every lowering callback knows about its node. */
export interface NodeContext<P extends ParamDescriptors> {
  readonly nodeId: string;
  readonly params: ParamValues<P>;
  /** The node's inferred shapes, weights and state (from the spec's `infer`). */
  readonly shapes: InferResult;
  /** Data the node saved in the graph file (see `GraphNode.data`). */
  readonly data: Readonly<Record<string, unknown>>;
}

/** Input to `apply`. */
export interface ApplyContext<P extends ParamDescriptors> extends NodeContext<P> {
  /** Weights by name. Trainable ones are `tf.Variable`s. */
  readonly weights: Readonly<Record<string, tf.Tensor>>;
  /** Node state by name, as variables the lowering may `assign` to (inside or outside tidy). */
  readonly state: Readonly<Record<string, tf.Variable>>;
  /** True during a training forward (dropout on, batch statistics, …). */
  readonly training: boolean;
  /** 1-based index of the current training step; 0 outside training. */
  readonly step: number;
  /** Seeded RNG for this node and step (dropout masks, …): same seed, same numbers. */
  readonly rng: Rng;
  /**
   * Records a live diagnostic scalar for this node (dead-neuron rate, quantisation error…).
   * Values are read after the step; pass a scalar tensor (it is kept) or a number.
   */
  report(name: string, value: tf.Scalar | number): void;
}

/** Input to `initWeights`. */
export interface InitContext<P extends ParamDescriptors> extends NodeContext<P> {
  readonly rng: Rng;
}

/** A batch source, provided by lowerings of `data` nodes. */
export interface DataSource {
  /** Examples available per split (`eval` may be 0 when the node has no eval split). */
  readonly size: { readonly train: number; readonly eval: number };
  /**
   * One batch: a tensor per output port. `index` counts batches from 0 within an epoch;
   * sources reshuffle per epoch from their seed.
   */
  batch(split: 'train' | 'eval', index: number, batchSize: number): TensorMap;
  /** The whole split at once (for evaluation); may be capped by the source. */
  all(split: 'train' | 'eval'): TensorMap;
  dispose(): void;
}

/** Settings an optimiser node gives the trainer (all node params in the file). */
export interface RunSettings {
  readonly steps: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Evaluate on the eval split every this many steps (0 = only at the end). */
  readonly evalEvery: number;
  /**
   * The constant learning rate to use when no schedule feeds the optimiser's `lr` input
   * (a connected schedule replaces it). Optional so older lowerings still fit.
   */
  readonly lr?: number;
}

/** What a hook or schedule keeps between calls of one run (see {@link RunContext.runMemory}). */
export interface RunContext {
  /**
   * This node's memory for the current run: the object `create` returns on the first call,
   * the same object on every later call of the same run, from the schedule or any hook. Runs
   * never share it (two graphs in one worker, two nodes of one type). When the run ends —
   * finished, stopped or failed — the trainer calls its `dispose()` if it has one and drops it.
   * Hooks run inside `tf.tidy`: keep tensors stored here with `tf.keep`. Every call of a node
   * must pass a `create` of the same type.
   */
  runMemory<T extends object>(create: () => T): T;
}

/** Everything the trainer hands to hooks. Gives access to other nodes only through ids. */
export interface HookContext<P extends ParamDescriptors> extends NodeContext<P>, RunContext {
  /** 1-based step just finished (afterStep) or the number of steps run (afterRun). */
  readonly step: number;
  readonly totalSteps: number;
  /** Node ids wired into this node's inputs, per input port (for nodes that manage others). */
  readonly upstream: Readonly<Record<string, string>>;
  /** Weights of any node, by node id; undefined for unknown ids. */
  weightsOf(nodeId: string): Readonly<Record<string, tf.Variable>> | undefined;
  /** Inferred weight specs of any node (shape, init, flags such as `prunable`), by node id; undefined for unknown ids. */
  weightSpecsOf(nodeId: string): Readonly<Record<string, WeightSpec>> | undefined;
  /** Spec id (plugin type) of any node. */
  typeOf(nodeId: string): string | undefined;
  /** The node's own state variables. */
  readonly state: Readonly<Record<string, tf.Variable>>;
  /** Records a per-node diagnostic, shown in the run panel and CLI. */
  report(name: string, value: number | readonly number[]): void;
  /** Saves JSON data into the node's `data` in the graph (e.g. a refined schedule). */
  saveData(data: Record<string, unknown>): void;
  /** Ask the trainer to reset optimiser slots (e.g. after a pruning cycle). */
  resetOptimiser(): void;
  /**
   * The current run's history so far: the grad norms read back before this call. The trainer
   * reads a step's numbers after its afterStep hooks, once per readback interval, so during a
   * run they end one step to one interval before this step; in afterRun they are the whole run.
   */
  readonly runHistory: RunHistory;
  /**
   * Reads tensors back to the host without a synchronous readback (`dataSync` stalls GPU
   * backends and can lose a software WebGPU device). `then` gets the values, in order, once they
   * have arrived: after this hook returns and before the trainer goes on (the next step, or the
   * end of the run), inside `tf.tidy` like the hook, and may call `read` again. The tensors are
   * copied when `read` is called, so the hook may dispose or change them afterwards.
   */
  read(tensors: readonly tf.Tensor[], then: (values: readonly HostValues[]) => void): void;
}

/** Values read back by {@link HookContext.read}: float32 tensors as Float32Array, int32 as Int32Array. */
export type HostValues = Float32Array | Int32Array | Uint8Array;

/** Per-run history the trainer keeps and gives to schedule nodes on the next run. */
export interface RunHistory {
  /** Global gradient norm of every step of the last run, in order. */
  readonly gradNorms: readonly number[];
}

/**
 * Optional procedures the trainer calls. No plugin is special-cased in the trainer: anything
 * beyond a pure forward goes through these.
 */
export interface LoweringHooks<P extends ParamDescriptors> {
  /** Once before the first step. */
  beforeRun?(ctx: HookContext<P>): void;
  /** Rewrites gradients before the optimiser applies them (e.g. masks). Keyed `node/weight`. */
  transformGradients?(grads: TensorMap, ctx: HookContext<P>): TensorMap;
  /** After every optimiser step (e.g. re-apply masks, end a pruning cycle). */
  afterStep?(ctx: HookContext<P>): void;
  /** Once after the last step. */
  afterRun?(ctx: HookContext<P>): void;
}

/** An optimiser update rule, provided by lowerings of `optimiser` nodes. */
export interface OptimiserRule {
  /** Applies one update; `lr` is this step's learning rate. Gradients keyed by variable name. */
  apply(
    grads: Readonly<Record<string, tf.Tensor>>,
    vars: Readonly<Record<string, tf.Variable>>,
    lr: number,
    /**
     * The spec of each variable, by the same keys, when the trainer passes them: AdamW reads
     * `optim.decay` from it (without it, only the rank >= 2 default applies).
     */
    specs?: Readonly<Record<string, WeightSpec>>,
  ): void;
  /** Forgets moment estimates. */
  reset(): void;
  dispose(): void;
  /**
   * Optional: saves what the rule keeps on the host (e.g. Adam's update counts) and returns the
   * function that puts it back. The trainer calls it at the start of each readback interval and
   * the returned function when it replays the interval to name a non-finite loss (the rule's
   * variables are restored by the trainer). Without it a replay is exact only for rules whose
   * state is all in variables.
   */
  checkpoint?(): () => void;
}

/** Context for building a schedule before a run. */
export interface ScheduleContext<P extends ParamDescriptors> extends NodeContext<P>, RunContext {
  readonly totalSteps: number;
  /** The previous run of this graph, if any. */
  readonly history?: RunHistory;
  /** Saves JSON data into the node's `data` (refined schedules are saved with the graph). */
  saveData(data: Record<string, unknown>): void;
}

/**
 * The executable half of a plugin: tfjs code, loaded only where execution happens (worker,
 * CLI). Pure functions of their inputs; state lives in the variables the trainer passes.
 */
export interface PluginLowering<P extends ParamDescriptors = ParamDescriptors> {
  /** Must equal the spec's id. */
  readonly id: string;
  /** Custom initial values for weights whose spec init is `custom` (or to override any). */
  initWeights?(ctx: InitContext<P>): Record<string, Float32Array | Int32Array>;
  /** The forward. Must not dispose its inputs. Called inside `tf.tidy`. */
  apply?(inputs: TensorMap, ctx: ApplyContext<P>): TensorMap;
  /** `data` nodes: builds the batch source. */
  source?(ctx: InitContext<P>): DataSource;
  /** `optimiser` nodes: the run settings and the update rule. */
  optimiser?(ctx: NodeContext<P>): { settings: RunSettings; rule: OptimiserRule; clipNorm?: number };
  /** `schedule` nodes: one learning rate per step, `totalSteps` long. */
  schedule?(ctx: ScheduleContext<P>): Float32Array;
  readonly hooks?: LoweringHooks<P>;
  /**
   * Pure named procedures from params and tensors to tensors, callable from fixtures
   * (`call` other than `apply`), e.g. the AP mask's `dnr` and `pruneCycle`.
   */
  readonly calls?: Readonly<Record<string, LoweringCall<P>>>;
}

/**
 * A pure named procedure of a lowering. Declared through a method so that lowerings with
 * narrow params types still fit a list of lowerings of any params (method bivariance).
 */
export type LoweringCall<P extends ParamDescriptors> = {
  call(params: ParamValues<P>, inputs: TensorMap): CallOutputs;
}['call'];

/**
 * A tensor computed on the host in float64, for call results that must be exact beyond
 * float32 (ratios of counts, say). Shape and row-major data, as in fixture files.
 */
export interface HostTensor {
  readonly shape: readonly number[];
  readonly data: Float64Array | readonly number[];
}

/** What a named call returns: tfjs tensors, or host float64 tensors where precision matters. */
export type CallOutputs = Record<string, tf.Tensor | HostTensor>;

/** A lowering with its params type erased, as kept in lists (see `AnyPluginSpec`). */
export interface AnyPluginLowering extends Omit<PluginLowering, 'calls' | 'hooks'> {
  readonly calls?: Readonly<Record<string, LoweringCall<ParamDescriptors>>>;
  readonly hooks?: LoweringHooks<ParamDescriptors>;
}

/**
 * Declares a lowering for a spec; ties the params type to the spec's.
 * @example export const scaleLowering = defineLowering(scaleSpec, { id: scaleSpec.id, apply: ... });
 */
export function defineLowering<P extends ParamDescriptors>(
  spec: PluginSpec<P>,
  lowering: PluginLowering<P>,
): PluginLowering<P> {
  if (lowering.id !== spec.id) {
    throw new Error(`lowering id "${lowering.id}" does not match spec id "${spec.id}"`);
  }
  return lowering;
}
