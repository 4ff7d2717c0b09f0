import { describe, expect, it } from 'vitest';
import type { ProgressEvent, StepEvent } from '../runtime/exec/trainTypes.ts';
import { createProgressBatcher } from './progressBatcher.ts';

const step = (n: number): StepEvent => ({
  event: 'step',
  step: n,
  totalSteps: 10,
  loss: 1 / n,
  metrics: {},
  lr: 0.1,
  gradNorm: 1,
  stepsPerSecond: 100,
  etaSeconds: 0,
  diagnostics: {},
});

describe('progress batcher', () => {
  it('batches step events by time, sends start/eval/done at once, loses nothing', () => {
    let t = 0;
    const batches: ProgressEvent[][] = [];
    const b = createProgressBatcher((e) => batches.push(e), 100, () => t);
    b.push({ event: 'start', totalSteps: 10, batchSize: 4, seed: 1, backend: 'cpu' });
    expect(batches).toHaveLength(1);
    for (let i = 1; i <= 5; i++) {
      t += 30;
      b.push(step(i));
    }
    // 150 ms passed: the step at 120 ms triggered one batch of steps 1-4.
    expect(batches.map((x) => x.length)).toEqual([1, 4]);
    b.push({ event: 'eval', step: 5, metrics: { loss: 0.2 } });
    expect(batches.map((x) => x.length)).toEqual([1, 4, 2]);
    b.flush();
    expect(batches).toHaveLength(3);
    const steps = batches.flat().filter((e) => e.event === 'step').map((e) => e.step);
    expect(steps).toEqual([1, 2, 3, 4, 5]);
  });
});
