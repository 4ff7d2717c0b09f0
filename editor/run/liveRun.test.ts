import { describe, expect, it } from 'vitest';
import type { StepEvent, WorkerProgressEvent } from '../../workers/engineApi.ts';
import { curvePoints } from './curves.ts';
import { applyEvents, createLiveRun, metricNames, toRecord } from './liveRun.ts';

const step = (n: number, loss: number): StepEvent => ({
  event: 'step',
  step: n,
  totalSteps: 4,
  loss,
  metrics: { acc: n / 4 },
  lr: 0.01,
  gradNorm: 1,
  stepsPerSecond: 50,
  etaSeconds: (4 - n) / 50,
  diagnostics: n === 2 ? { h1: { deadRate: 0.25 } } : {},
});

function fresh() {
  return createLiveRun({ id: 'r1', graphHash: 'g1', title: 'spirals', backend: 'wasm', backendReason: 'because', createdAt: 1000 });
}

describe('live run', () => {
  it('folds progress batches into curves, latest numbers and diagnostics', () => {
    const run = fresh();
    applyEvents(run, [{ event: 'warmup', phase: 'start', backend: 'webgpu' }]);
    expect(run.warmingUp).toBe(true);
    const batch: WorkerProgressEvent[] = [
      { event: 'warmup', phase: 'end', backend: 'webgpu', ms: 12 },
      { event: 'start', totalSteps: 4, batchSize: 8, seed: 7, backend: 'wasm' },
      step(1, 0.9),
      step(2, 0.7),
    ];
    applyEvents(run, batch);
    expect(run.warmingUp).toBe(false);
    expect(run.warmUpMs).toBe(12);
    expect(run.seed).toBe(7);
    expect(run.step).toBe(2);
    expect(curvePoints(run.curves.loss!).y).toEqual([0.9, 0.7]);
    expect(metricNames(run)).toEqual(['acc']);
    expect(run.lastDiagnostics).toEqual({ h1: { deadRate: 0.25 } });
    const v = run.version;
    applyEvents(run, [step(3, 0.5), { event: 'eval', step: 3, metrics: { loss: 0.55, acc: 0.8 } }, step(4, 0.4)]);
    expect(run.version).toBe(v + 1);
    // A step without diagnostics keeps the last reported ones.
    expect(run.lastDiagnostics).toEqual({ h1: { deadRate: 0.25 } });
    expect(curvePoints(run.curves['eval:acc']!)).toEqual({ x: [3], y: [0.8] });
    applyEvents(run, [{ event: 'done', metrics: { loss: 0.41, acc: 0.9 }, steps: 4, seconds: 0.2, backend: 'wasm', stopped: false }]);
    const rec = toRecord(run, 'done', { hasWeights: true });
    expect(rec).toMatchObject({ id: 'r1', graphHash: 'g1', seed: 7, steps: 4, seconds: 0.2, finalMetrics: { loss: 0.41, acc: 0.9 }, hasWeights: true });
    // The record is a copy: later appends do not change what was stored.
    applyEvents(run, [step(5, 0.1)]);
    expect(rec.curves.loss!.count).toBe(4);
  });

  it('records a failure with its fault and the last evaluation', () => {
    const run = fresh();
    applyEvents(run, [step(1, 0.9), { event: 'eval', step: 1, metrics: { loss: 1 } }]);
    const rec = toRecord(run, 'failed', { fault: { code: 'TRAIN_NONFINITE', message: 'loss became NaN at step 2', node: 'h1', step: 2 } });
    expect(rec.status).toBe('failed');
    expect(rec.fault?.node).toBe('h1');
    expect(rec.finalMetrics).toEqual({ loss: 1 });
    expect(rec.hasWeights).toBe(false);
  });
});
