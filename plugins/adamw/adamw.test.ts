import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { makeOptimiser, runRule } from '../_shared/optimiser.testkit.ts';
import { adamwLowering } from './lower.ts';
import { adamwSpec } from './spec.ts';

runTestsOnWasm();

describe('adamw', () => {
  it('decays rank-2 weights before the Adam step and skips biases', () => {
    const before = tf.memory().numTensors;
    const { rule } = makeOptimiser(adamwSpec, adamwLowering, { lr: 0.1, weightDecay: 0.5 });
    const w0 = { k: { shape: [1, 2], data: [2, -4] }, b: { shape: [2], data: [2, -4] } };
    const [h1, h2] = runRule(
      rule,
      w0,
      [
        { k: [1, 1], b: [1, 1] },
        { k: [1, 1], b: [1, 1] },
      ],
      [0.1],
    );
    // Step 1: w·(1 - 0.05) - 0.1·sign(g); bias: no decay.
    expect(h1!.k).toEqual([expect.closeTo(2 * 0.95 - 0.1, 5), expect.closeTo(-4 * 0.95 - 0.1, 5)]);
    expect(h1!.b).toEqual([expect.closeTo(1.9, 5), expect.closeTo(-4.1, 5)]);
    // Step 2 with the same gradient: m̂/√v̂ = 1 again.
    expect(h2!.k![0]).toBeCloseTo(h1!.k![0]! * 0.95 - 0.1, 5);
    rule.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('follows WeightSpec.optim.decay when the trainer passes specs', () => {
    const { rule } = makeOptimiser(adamwSpec, adamwLowering, { lr: 0.1, weightDecay: 0.5 });
    const w0 = { k: { shape: [1, 1], data: [2] }, g: { shape: [1], data: [2] } };
    const specs = {
      k: { shape: [1, 1], init: { kind: 'zeros' }, optim: { decay: false } },
      g: { shape: [1], init: { kind: 'ones' }, optim: { decay: true } },
    } as const;
    const [h] = runRule(rule, w0, [{ k: [1], g: [1] }], [0.1], specs);
    expect(h!.k![0]).toBeCloseTo(1.9, 5);
    expect(h!.g![0]).toBeCloseTo(2 * 0.95 - 0.1, 5);
    rule.dispose();
  });
});
