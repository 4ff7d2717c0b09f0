/**
 * The plain-data result of a time profile (profile.ts): where a training step's time goes, by
 * node and by kernel type. It crosses the worker boundary and is printed by `netwright profile`,
 * so it holds numbers and strings only.
 */

/** Options of a profile. */
export interface ProfileOptions {
  /** Profiled steps after the one warm-up step (default 5). */
  readonly steps?: number;
  /** Seed of the weights and batches (default: the optimiser's). */
  readonly seed?: number;
  /** Batch size (default: the optimiser's). */
  readonly batchSize?: number;
  /** Checked between steps: a true answer ends the profile early (with the steps done so far). */
  readonly shouldStop?: () => boolean;
}

/** How the times were taken (the profile says which, so a reader can judge them). */
export type ProfileClock =
  /** cpu, wasm: kernels run when they are called, so wall time around the calls is their time. */
  | 'wall'
  /** webgl, webgpu: wall time until an awaited one-element readback of the region's results, less a readback's latency. */
  | 'wall-to-readback';

/** Kernels one node ran in one step. */
export interface NodeKernels {
  readonly forward: number;
  readonly backward: number;
  readonly update: number;
}

/** Where one node's time goes in a step (medians over the profiled steps, ms). */
export interface NodeProfile {
  readonly node: string;
  readonly type: string;
  readonly role: string;
  /** Its `apply` (a data node: drawing its batch). */
  readonly forwardMs: number;
  /** Its part of the backward pass: the gradients of its inputs and weights. */
  readonly backwardMs: number;
  /** The optimiser node: its update rule over every weight; 0 for the others. */
  readonly updateMs: number;
  /** `forwardMs + backwardMs + updateMs`. */
  readonly totalMs: number;
  /** `totalMs` as a fraction of the measured step time (0..1, may pass 1 on a noisy run). */
  readonly share: number;
  /** Kernels per step; absent where the backend cannot count them without reading back. */
  readonly kernels?: NodeKernels;
}

/** One kernel type over whole training steps (tfjs's profiler). */
export interface KernelProfile {
  readonly name: string;
  /** Calls per step. */
  readonly perStep: number;
  /** Kernel time per step (ms); absent where the backend has no kernel timer. */
  readonly msPerStep?: number;
  /** `msPerStep` as a fraction of all kernels' time (0..1). */
  readonly share?: number;
}

/** A time profile of a plan's training step. */
export interface PlanProfile {
  readonly backend: string;
  readonly clock: ProfileClock;
  /** Steps profiled (after `warmupSteps`). */
  readonly steps: number;
  /** Warm-up rounds (a node pass and a whole step each) before the profiled steps. */
  readonly warmupSteps: number;
  readonly batchSize: number;
  /** Median wall time of a whole, un-instrumented training step (batch, step, hooks; ms). */
  readonly stepMs: number;
  /** Every node of the plan, most time first. */
  readonly nodes: readonly NodeProfile[];
  /** Sums of the node rows, and the rest of the step (tape, penalties, norm, clipping, hooks, readbacks). */
  readonly totals: {
    readonly forwardMs: number;
    readonly backwardMs: number;
    readonly updateMs: number;
    readonly otherMs: number;
  };
  /** Kernel types over whole steps, most time first (by count where there is no timer); absent without a kernel profiler. */
  readonly kernels?: readonly KernelProfile[];
  /** Kernels per whole step, when counted. */
  readonly kernelsPerStep?: number;
}
