/**
 * The page-side record of a run in progress: folds the worker's progress batches into bounded
 * curves and the latest numbers, and turns the result into a {@link RunRecord} to store. Pure
 * data and functions (no React, no worker), so it is unit-tested in Node.
 */
import type { NodeDiagnostics, WorkerProgressEvent } from '../../workers/engineApi.ts';
import { appendPoint, createCurve, type Curve } from './curves.ts';
import type { Failure } from '../../runtime/sdk/index.ts';
import type { RunRecord, RunStatus } from './runsStore.ts';

/** A run being recorded. Mutable: {@link applyEvents} updates it in place and bumps `version`. */
export interface LiveRun {
  readonly id: string;
  readonly createdAt: number;
  readonly graphHash: string;
  readonly title: string;
  readonly backend: string;
  readonly backendReason: string;
  seed: number;
  totalSteps: number;
  batchSize: number;
  step: number;
  stepsPerSecond: number;
  etaSeconds: number;
  seconds: number;
  /** `loss`, one per metric, `lr`, and eval curves as `eval:<name>`. */
  readonly curves: Record<string, Curve>;
  lastLoss?: number;
  lastMetrics: Record<string, number>;
  lastEval: Record<string, number>;
  /** Diagnostics of the latest step, by node. */
  lastDiagnostics: NodeDiagnostics;
  /** Set while the worker compiles shaders before the first step. */
  warmingUp: boolean;
  warmUpMs?: number;
  /** Set once the `done` event arrived. */
  finished?: { readonly stopped: boolean; readonly metrics: Record<string, number> };
  /** Bumped on every change: charts redraw when it moves. */
  version: number;
}

/** Fields known when a run starts. */
export interface LiveRunStart {
  readonly id: string;
  readonly graphHash: string;
  readonly title: string;
  readonly backend: string;
  readonly backendReason: string;
  readonly createdAt?: number;
}

/** Creates an empty live run. */
export function createLiveRun(start: LiveRunStart): LiveRun {
  return {
    ...start,
    createdAt: start.createdAt ?? Date.now(),
    seed: 0,
    totalSteps: 0,
    batchSize: 0,
    step: 0,
    stepsPerSecond: 0,
    etaSeconds: 0,
    seconds: 0,
    curves: { loss: createCurve() },
    lastMetrics: {},
    lastEval: {},
    lastDiagnostics: {},
    warmingUp: false,
    version: 0,
  };
}

function curve(run: LiveRun, name: string): Curve {
  return (run.curves[name] ??= createCurve());
}

/** Folds a batch of progress events into the run. */
export function applyEvents(run: LiveRun, events: readonly WorkerProgressEvent[]): void {
  for (const e of events) {
    switch (e.event) {
      case 'warmup':
        run.warmingUp = e.phase === 'start';
        if (e.ms !== undefined) run.warmUpMs = e.ms;
        break;
      case 'start':
        run.totalSteps = e.totalSteps;
        run.batchSize = e.batchSize;
        run.seed = e.seed;
        run.warmingUp = false;
        break;
      case 'step':
        run.step = e.step;
        run.totalSteps = e.totalSteps;
        run.stepsPerSecond = e.stepsPerSecond;
        run.etaSeconds = e.etaSeconds;
        run.lastLoss = e.loss;
        run.lastMetrics = e.metrics;
        appendPoint(curve(run, 'loss'), e.step, e.loss);
        appendPoint(curve(run, 'lr'), e.step, e.lr);
        for (const [name, v] of Object.entries(e.metrics)) appendPoint(curve(run, name), e.step, v);
        if (Object.keys(e.diagnostics).length > 0) run.lastDiagnostics = e.diagnostics;
        break;
      case 'eval':
        run.lastEval = e.metrics;
        for (const [name, v] of Object.entries(e.metrics)) appendPoint(curve(run, `eval:${name}`), e.step, v);
        break;
      case 'done':
        run.finished = { stopped: e.stopped, metrics: e.metrics };
        run.seconds = e.seconds;
        run.step = e.steps;
        break;
    }
  }
  run.version++;
}

/** Names of the metric curves of a run (not loss, lr or eval curves). */
export function metricNames(run: Pick<LiveRun, 'curves'>): string[] {
  return Object.keys(run.curves).filter((n) => n !== 'loss' && n !== 'lr' && !n.startsWith('eval:'));
}

/** The record to store for a run, in its current state. */
export function toRecord(run: LiveRun, status: RunStatus, extra: { fault?: Failure; hasWeights?: boolean } = {}): RunRecord {
  const seconds = run.seconds > 0 ? run.seconds : (Date.now() - run.createdAt) / 1000;
  return {
    id: run.id,
    createdAt: run.createdAt,
    graphHash: run.graphHash,
    title: run.title,
    seed: run.seed,
    backend: run.backend,
    backendReason: run.backendReason,
    status,
    totalSteps: run.totalSteps,
    steps: run.step,
    seconds,
    batchSize: run.batchSize,
    stepsPerSecond: run.stepsPerSecond,
    finalMetrics: run.finished?.metrics ?? run.lastEval,
    curves: structuredClone(run.curves),
    ...(extra.fault ? { fault: extra.fault } : {}),
    hasWeights: extra.hasWeights ?? false,
  };
}
