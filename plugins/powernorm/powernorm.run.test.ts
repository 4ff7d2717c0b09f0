/** PowerNorm through the real engine: its state is saved with the weights and a continued run resumes it. */
import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { engineFor, graphText, useBackend, type TestNode } from '../paper.testkit.ts';

const NODES: TestNode[] = [
  { id: 'data', type: 'gaussian-blobs', params: { samples: 200, classes: 3, dims: 4 } },
  { id: 'h', type: 'dense', params: { units: 8, activation: 'none' }, inputs: { x: 'data:x' } },
  { id: 'pn', type: 'powernorm', params: { warmupIters: 3, groupScalingGroups: 0 }, inputs: { x: 'h:y' } },
  { id: 'out', type: 'dense', params: { units: 3, activation: 'none' }, inputs: { x: 'pn:y' } },
  { id: 'loss', type: 'cross-entropy', params: {}, inputs: { pred: 'out:y', target: 'data:y' } },
  { id: 'opt', type: 'adam', params: { lr: 0.01, steps: 5, batchSize: 16, evalEvery: 0 }, inputs: { loss: 'loss:loss' } },
];

describe('powernorm in a training run', () => {
  it('saves runningPhi, emaGz and iters with the weights, and a continued run goes on from them', async () => {
    await useBackend('wasm');
    const baseline = tf.memory().numTensors;
    const { engine } = await engineFor(graphText(NODES));
    await engine.train();
    const saved = engine.exportWeights();
    expect(saved.state?.['pn/iters']?.data).toEqual([5]);
    const phi = saved.state?.['pn/runningPhi']?.data ?? [];
    expect(phi).toHaveLength(8);
    expect(phi.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(phi.some((v) => v !== 1)).toBe(true);
    expect((saved.state?.['pn/emaGz']?.data ?? []).some((v) => v !== 0)).toBe(true);
    engine.dispose();

    const again = await engineFor(graphText(NODES));
    again.engine.importWeights(saved);
    await again.engine.train({ continue: true, steps: 2 });
    expect(again.engine.exportWeights().state?.['pn/iters']?.data).toEqual([7]);
    again.engine.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
