/**
 * Plain-data types of a training run: options, progress events, result, and the control
 * object that stops or pauses it. All of them cross the worker boundary unchanged.
 */
import type { RunHistory } from '../lower/lowering.ts';

/** Per-node diagnostics reported during a step: node id -> name -> value. */
export type NodeDiagnostics = Record<string, Record<string, number | readonly number[]>>;

/** Scalar metrics by name: `loss` plus one per metric node (its node id). */
export type Metrics = Record<string, number>;

/** Emitted once before the first step. */
export interface StartEvent {
  readonly event: 'start';
  readonly totalSteps: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly backend: string;
}

/**
 * Emitted for every step, in order, once its numbers are read back: the steps of one readback
 * interval arrive together (callers throttle what they display).
 */
export interface StepEvent {
  readonly event: 'step';
  readonly step: number;
  readonly totalSteps: number;
  /** Training loss of this step's batch (without weight penalties). */
  readonly loss: number;
  /** Metric values on this step's training batch. */
  readonly metrics: Metrics;
  readonly lr: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
  readonly stepsPerSecond: number;
  readonly etaSeconds: number;
  readonly diagnostics: NodeDiagnostics;
}

/** Emitted after each evaluation on the eval split. */
export interface EvalEvent {
  readonly event: 'eval';
  readonly step: number;
  readonly metrics: Metrics;
}

/** Emitted once at the end (also after a stop). */
export interface DoneEvent {
  readonly event: 'done';
  /** The final evaluation. */
  readonly metrics: Metrics;
  /** Steps actually run. */
  readonly steps: number;
  readonly seconds: number;
  readonly backend: string;
  readonly stopped: boolean;
}

/** Any progress event. */
export type ProgressEvent = StartEvent | StepEvent | EvalEvent | DoneEvent;

/** Receives progress events. Must not throw; what it does with them is its business. */
export type ProgressCallback = (event: ProgressEvent) => void;

/**
 * Stops or pauses a run from outside, like an `AbortSignal`. The trainer checks it between
 * steps; a stop still runs `afterRun` hooks and the final evaluation.
 */
export interface RunControl {
  readonly stopped: boolean;
  readonly paused: boolean;
}

/** A {@link RunControl} with the methods that change it. */
export interface RunController extends RunControl {
  stop(): void;
  pause(): void;
  resume(): void;
}

/** Creates a control object for one run. */
export function createRunController(): RunController {
  let stopped = false;
  let paused = false;
  return {
    get stopped() {
      return stopped;
    },
    get paused() {
      return paused;
    },
    stop() {
      stopped = true;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
  };
}

/** Options of a run. Unset fields come from the optimiser node's settings. */
export interface TrainOptions {
  readonly steps?: number;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly evalEvery?: number;
  /** The previous run of this graph, given to schedule nodes (for example a schedule refiner). */
  readonly history?: RunHistory;
  readonly control?: RunControl;
  /** Name of the active backend, for events. */
  readonly backend?: string;
  /**
   * Longest time between readbacks of the steps' numbers, in ms (default 100, the worker's
   * progress interval). Steps in between never wait on the device; their step events go out
   * together at the readback.
   */
  readonly readbackMs?: number;
  /** Most steps per readback (default 50; 1 reads every step, as calibration does to time them). */
  readonly readbackSteps?: number;
}

/** What a finished run returns. */
export interface TrainResult {
  readonly steps: number;
  readonly seconds: number;
  readonly stopped: boolean;
  /** The final evaluation (on the eval split, or the train split when there is none). */
  readonly metrics: Metrics;
  /** This run's history, to pass to the next run. */
  readonly history: RunHistory;
  /** Data nodes saved through `saveData`, by node id (to write back into the graph). */
  readonly savedData: Record<string, Record<string, unknown>>;
  /** The settings the run used. */
  readonly settings: { readonly steps: number; readonly batchSize: number; readonly seed: number; readonly evalEvery: number };
}
