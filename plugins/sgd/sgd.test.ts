import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { makeOptimiser, runRule } from '../_shared/optimiser.testkit.ts';
import { sgdLowering } from './lower.ts';
import { sgdSpec } from './spec.ts';

runTestsOnWasm();

/** Float64 SGD with momentum (PyTorch form) on one scalar. */
function sgdRef(w: number, grads: number[], lr: number, mu: number, nesterov: boolean): number[] {
  let v = 0;
  return grads.map((g) => {
    v = mu * v + g;
    w -= lr * (nesterov ? g + mu * v : v);
    return w;
  });
}

describe('sgd', () => {
  it.each([
    { momentum: 0, nesterov: false },
    { momentum: 0.9, nesterov: false },
    { momentum: 0.5, nesterov: true },
  ])('matches the closed form (momentum $momentum, nesterov $nesterov)', ({ momentum, nesterov }) => {
    const before = tf.memory().numTensors;
    const { rule, clipNorm, settings } = makeOptimiser(sgdSpec, sgdLowering, { lr: 0.1, momentum, nesterov });
    expect(clipNorm).toBeUndefined();
    expect(settings.lr).toBe(0.1);
    const g = [1, -2, 0.5, 3];
    const hist = runRule(
      rule,
      { w: { shape: [1], data: [1] } },
      g.map((x) => ({ w: [x] })),
      [0.1],
    );
    sgdRef(1, g, 0.1, momentum, nesterov).forEach((r, s) => {
      expect(hist[s]!.w![0]).toBeCloseTo(r, 5);
    });
    rule.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
