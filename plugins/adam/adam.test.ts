import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { inferNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { makeOptimiser, runRule } from '../_shared/optimiser.testkit.ts';
import { adamLowering } from './lower.ts';
import { adamSpec } from './spec.ts';

runTestsOnWasm();

/** Float64 Adam on one scalar weight. */
function adamRef(w: number, grads: number[], lrs: number[], b1: number, b2: number, eps: number): number[] {
  let m = 0;
  let v = 0;
  return grads.map((g, i) => {
    const t = i + 1;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    w -= (lrs[i]! * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
    return w;
  });
}

describe('adam', () => {
  it('matches the closed form for its first steps, with a changing learning rate', () => {
    const before = tf.memory().numTensors;
    const { rule, settings, clipNorm } = makeOptimiser(adamSpec, adamLowering, {
      lr: 0.1,
      beta1: 0.8,
      beta2: 0.9,
      steps: 7,
      clipNorm: 2,
    });
    expect(settings).toMatchObject({ steps: 7, batchSize: 32, lr: 0.1 });
    expect(clipNorm).toBe(2);
    const g = [
      [0.5, -1],
      [0.25, 2],
      [-3, 0.1],
      [1, 1],
    ];
    const lrs = [0.1, 0.05, 0.2, 0.1];
    const hist = runRule(
      rule,
      { w: { shape: [2], data: [1, -2] } },
      g.map((gg) => ({ w: gg })),
      lrs,
    );
    for (const j of [0, 1]) {
      const ref = adamRef(
        j === 0 ? 1 : -2,
        g.map((gg) => gg[j]!),
        lrs,
        0.8,
        0.9,
        1e-8,
      );
      ref.forEach((r, s) => {
        expect(hist[s]!.w![j]).toBeCloseTo(r, 5);
      });
    }
    rule.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('first step moves each weight by lr against the gradient sign', () => {
    const { rule } = makeOptimiser(adamSpec, adamLowering, { lr: 0.01 });
    const [after] = runRule(rule, { w: { shape: [3], data: [0, 0, 0] } }, [{ w: [3, -0.5, 1e-3] }], [0.01]);
    expect(after!.w![0]).toBeCloseTo(-0.01, 6);
    expect(after!.w![1]).toBeCloseTo(0.01, 6);
    expect(after!.w![2]).toBeCloseTo(-0.01, 4);
    rule.dispose();
  });

  it('keeps per-weight step counts, so split calls equal one joint call', () => {
    const joint = makeOptimiser(adamSpec, adamLowering, {}).rule;
    const split = makeOptimiser(adamSpec, adamLowering, {}).rule;
    const w0 = { a: { shape: [1], data: [1] }, b: { shape: [1], data: [2] } };
    const a = runRule(
      joint,
      w0,
      [
        { a: [1], b: [2] },
        { a: [0.5], b: [-1] },
      ],
      [0.1],
    );
    // Same updates, delivered one weight per call (as a trainer with lr groups would).
    const vars = { a: tf.variable(tf.tensor1d([1])), b: tf.variable(tf.tensor1d([2])) };
    for (const g of [
      { a: 1, b: 2 },
      { a: 0.5, b: -1 },
    ]) {
      for (const k of ['a', 'b'] as const) {
        const gt = tf.tensor1d([g[k]]);
        split.apply({ [k]: gt }, vars, 0.1);
        gt.dispose();
      }
    }
    expect(vars.a.dataSync()[0]).toBeCloseTo(a[1]!.a![0]!, 6);
    expect(vars.b.dataSync()[0]).toBeCloseTo(a[1]!.b![0]!, 6);
    tf.dispose([vars.a, vars.b]);
    joint.dispose();
    split.dispose();
  });

  it('regroups when a call brings other weights, keeping each weight its own moments and count', () => {
    const before = tf.memory().numTensors;
    const { rule } = makeOptimiser(adamSpec, adamLowering, { lr: 0.1, beta1: 0.8, beta2: 0.9 });
    const vars = tf.tidy(() => ({ a: tf.variable(tf.tensor2d([1, -1], [1, 2])), b: tf.variable(tf.tensor1d([2])) }));
    // a is updated every step, b only in steps 1, 3 and 4: in step 3 their counts differ.
    const steps: Record<string, number[]>[] = [{ a: [1, 2], b: [3] }, { a: [-0.5, 1] }, { a: [2, -1], b: [-1] }, { b: [0.5], a: [1, 1] }];
    for (const g of steps) {
      const grads = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, tf.tensor(v, vars[k as 'a' | 'b'].shape)]));
      rule.apply(grads, vars, 0.1);
      tf.dispose(Object.values(grads));
    }
    const only = (k: 'a' | 'b', j: number): number[] => steps.filter((g) => g[k]).map((g) => g[k]![j]!);
    const lrs = steps.map(() => 0.1);
    const wantA = [0, 1].map((j) => adamRef([1, -1][j]!, only('a', j), lrs, 0.8, 0.9, 1e-8).at(-1)!);
    const wantB = adamRef(2, only('b', 0), lrs, 0.8, 0.9, 1e-8).at(-1)!;
    const gotA = vars.a.dataSync();
    expect(gotA[0]).toBeCloseTo(wantA[0]!, 5);
    expect(gotA[1]).toBeCloseTo(wantA[1]!, 5);
    expect(vars.b.dataSync()[0]).toBeCloseTo(wantB, 5);
    tf.dispose([vars.a, vars.b]);
    rule.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('updates all the weights of a call with one kernel per operation', async () => {
    const { rule } = makeOptimiser(adamSpec, adamLowering, { lr: 0.1 });
    const shapes = [[3, 2], [2], [4, 1, 2], [5]];
    const vars = tf.tidy(() => Object.fromEntries(shapes.map((s, i) => [`w${i}`, tf.variable(tf.ones(s))])));
    const grads = Object.fromEntries(shapes.map((s, i) => [`w${i}`, tf.fill(s, i + 1)]));
    rule.apply(grads, vars, 0.1);
    const info = await tf.profile(() => {
      rule.apply(grads, vars, 0.1);
    });
    const count = (name: string): number => info.kernels.filter((k) => k.name === name).length;
    expect(count('Multiply')).toBe(5);
    expect(count('Sqrt')).toBe(1);
    expect(count('Concat')).toBe(2);
    expect(count('SplitV')).toBe(1);
    tf.dispose([...Object.values(vars), ...Object.values(grads)]);
    rule.dispose();
  });

  it('reset forgets moments: the next step is a first step again', () => {
    const { rule } = makeOptimiser(adamSpec, adamLowering, { lr: 0.1 });
    runRule(rule, { w: { shape: [1], data: [0] } }, [{ w: [1] }, { w: [1] }], [0.1]);
    rule.reset();
    const [after] = runRule(rule, { w: { shape: [1], data: [0] } }, [{ w: [-4] }], [0.1]);
    expect(after!.w![0]).toBeCloseTo(0.1, 5);
    rule.dispose();
  });

  it('needs a scalar loss and has no outputs', () => {
    expect(
      inferNode(adamSpec, {}, { loss: { kind: 'tensor', shape: [], dtype: 'float32' } }).outputs,
    ).toEqual({});
    expect(adamSpec.inputs.loss?.rank).toBe(0);
    expect(adamSpec.inputs.lr).toMatchObject({ kind: 'schedule', optional: true });
  });
});
