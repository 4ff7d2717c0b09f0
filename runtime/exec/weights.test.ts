import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../lower/rng.ts';
import { tf } from './tf.ts';
import { classifierPlan } from '../../test/support/plans.ts';
import { testLowerings } from '../../test/support/fakePlugins/lower.ts';
import { indexLowerings } from './lowerings.ts';
import { createWeights, drawInit } from './weights.ts';

const lowerings = indexLowerings(testLowerings);

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('drawInit', () => {
  it('keeps glorotUniform within its limit and heNormal near its std', () => {
    const g = drawInit({ kind: 'glorotUniform', gain: 2 }, [30, 10], createRng(1))!;
    const limit = 2 * Math.sqrt(6 / 40);
    expect(Math.max(...g.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(limit * 0.9);
    const h = drawInit({ kind: 'heNormal' }, [50, 40], createRng(2))!;
    const std = Math.sqrt(h.reduce((a, v) => a + v * v, 0) / h.length);
    expect(std).toBeGreaterThan(Math.sqrt(2 / 50) * 0.9);
    expect(std).toBeLessThan(Math.sqrt(2 / 50) * 1.1);
    const u = drawInit({ kind: 'uniform', min: 3, max: 4 }, [100], createRng(3))!;
    expect(Math.min(...u)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...u)).toBeLessThan(4);
    expect([...drawInit({ kind: 'constant', value: 0.5 }, [3], createRng(4))!]).toEqual([0.5, 0.5, 0.5]);
    expect(drawInit({ kind: 'custom' }, [3], createRng(4))).toBeUndefined();
  });
});

describe('createWeights', () => {
  it('gives the same values for the same seed and different ones for another seed', async () => {
    const plan = classifierPlan();
    const a = createWeights(plan, lowerings, 7);
    const aKernel = await a.byKey.get('h/kernel')!.data();
    a.dispose();
    const b = createWeights(plan, lowerings, 7);
    expect(await b.byKey.get('h/kernel')!.data()).toEqual(aKernel);
    b.dispose();
    const c = createWeights(plan, lowerings, 8);
    expect(await c.byKey.get('h/kernel')!.data()).not.toEqual(aKernel);
    c.dispose();
    // The values are the seeded RNG's, so they are known without tfjs.
    const expected = drawInit({ kind: 'glorotUniform' }, [2, 8], createRng(7).fork('h/kernel'))!;
    expect(aKernel).toEqual(expected);
  });

  it('names trainable variables node/weight, suffixes a clash, and disposes everything', () => {
    const plan = classifierPlan();
    const before = tf.memory().numTensors;
    const a = createWeights(plan, lowerings, 1);
    expect(a.byKey.get('out/bias')!.name).toBe('out/bias');
    expect(a.byKey.get('out/bias')!.trainable).toBe(true);
    const b = createWeights(plan, lowerings, 1);
    expect(b.byKey.get('out/bias')!.name).toBe('out/bias#2');
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('uses the lowering initWeights for custom weights, and says when it is missing', async () => {
    const plan = classifierPlan({ out: { customInit: true } });
    const s = createWeights(plan, lowerings, 1);
    expect([...(await s.byKey.get('out/kernel')!.data())].map((v) => Math.round(v * 10))).toEqual([...Array(16).keys()]);
    s.dispose();
    const noInit = indexLowerings(testLowerings.map((l) => (l.id === 't.dense' ? { id: l.id, apply: l.apply! } : l)));
    const before = tf.memory().numTensors;
    expect(() => createWeights(plan, noInit, 1)).toThrow(/node "out" \(t\.dense\): weight "kernel" has a custom init but the lowering's initWeights did not return it/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
