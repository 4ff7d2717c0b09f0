/** The AP mask through the real engine: events at cycle ends, exact removal counts, zeros stay zero. */
import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import type { ProgressEvent } from '../../runtime/exec/trainTypes.ts';
import { engineFor, graphText, useBackend, type TestNode } from '../paper.testkit.ts';

const NODES: TestNode[] = [
  { id: 'data', type: 'gaussian-blobs', params: { samples: 300, classes: 3, dims: 4 } },
  { id: 'h', type: 'dense', params: { units: 16, activation: 'none' }, inputs: { x: 'data:x' } },
  { id: 'r', type: 'activation', params: { fn: 'relu' }, inputs: { x: 'h:y' } },
  { id: 'out', type: 'dense', params: { units: 3, activation: 'none' }, inputs: { x: 'r:y' } },
  { id: 'loss', type: 'cross-entropy', params: {}, inputs: { pred: 'out:y', target: 'data:y' } },
  { id: 'ap', type: 'apmask', params: { cycleSteps: 5, numCycles: 2 }, inputs: { z0: 'h:y', p0: 'out:y' } },
  { id: 'opt', type: 'sgd', params: { lr: 0.05, momentum: 0.9, steps: 15, batchSize: 32, evalEvery: 5 }, inputs: { loss: 'loss:loss' } },
];

describe('apmask in a training run', () => {
  it('prunes 20% (18 base + 2 AP) after each cycle, reports DNR and sparsity, and leaves the pruned kernels at zero', async () => {
    await useBackend('wasm');
    const baseline = tf.memory().numTensors;
    const { engine } = await engineFor(graphText(NODES));
    const diag: Record<number, Record<string, unknown>> = {};
    const evals: Record<number, number> = {};
    const result = await engine.train({}, (e: ProgressEvent) => {
      if (e.event === 'step') diag[e.step] = e.diagnostics.ap ?? {};
      if (e.event === 'eval') evals[e.step] = e.metrics.ap ?? NaN;
    });
    // 4·16 + 16·3 = 112 managed weights: event 1 removes floor(112·0.18) + floor(112·0.02) = 20 + 2,
    // event 2 removes floor(90·0.18) + floor(90·0.02) = 16 + 1
    expect(diag[6]).toMatchObject({ pruneEvent: 1, prunedByBase: 20, prunedByAP: 2 });
    expect(diag[11]).toMatchObject({ pruneEvent: 2, prunedByBase: 16, prunedByAP: 1 });
    expect(diag[5]?.sparsity).toBe(0);
    expect(diag[10]?.sparsity).toBeCloseTo(22 / 112, 6);
    expect(diag[15]?.sparsity).toBeCloseTo(39 / 112, 6);
    expect(diag[16]).toBeUndefined();
    for (const s of [5, 10, 15]) {
      const dnr = diag[s]?.dnr as number;
      expect(dnr).toBeGreaterThan(0);
      expect(dnr).toBeLessThan(1);
    }
    // the eval metric is the DNR of the eval split
    expect(evals[5]).toBeGreaterThan(0);
    expect(result.metrics.ap).toBeGreaterThan(0);
    const w = engine.exportWeights().tensors;
    const zeros = [...w['h/kernel']!.data, ...w['out/kernel']!.data].filter((v) => v === 0).length;
    expect(zeros).toBe(39);
    expect(w['h/bias']!.data.some((v) => v !== 0)).toBe(true);
    engine.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
