/**
 * Equivalence of the LSSL forms (recurrence = direct convolution = FFT convolution, spec §6)
 * for outputs and every gradient (A and B with learnA), plus leak checks.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../runtime/lower/rng.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { LSSL_WEIGHT_NAMES } from './layer.ts';
import { lsslTestParams, lsslTestWeights, lsslValueAndGrads } from './lssl.testkit.ts';

function relErr(a: Tensor, b: Tensor): number {
  return tf.tidy(() => {
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    const scale = Math.max(1, tf.max(tf.abs(b)).dataSync()[0]!);
    return diff / scale;
  });
}

function randn(shape: number[], seed: number): Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
}

runTestsOnWasm();

describe('lssl forms agree (outputs and gradients)', () => {
  const configs = [
    { L: 1, over: {} },
    { L: 16, over: { measure: 'legt' as const, learnA: true } },
    { L: 37, over: { learnA: true, timescales: 2, channels: 2, dOut: 5 } },
    { L: 100, over: { measure: 'legt' as const, gbtAlpha: 1, activation: 'none' as const } }, // FFT n = 256: four-step
    { L: 300, over: { stateSize: 16 } }, // FFT n = 1024
  ];
  for (const { L, over } of configs) {
    it(`L = ${L}, ${JSON.stringify(over)}`, () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const p = lsslTestParams({ dModel: 3, stateSize: 8, dtMin: 1e-2, dtMax: 1, ...over });
        const w = lsslTestWeights(p, 100 + L);
        const x = randn([2, L, 3], 200 + L);
        const cot = randn([2, L, p.dOut === 0 ? 3 : p.dOut], 300 + L);
        const ref = lsslValueAndGrads(x, w, { ...p, mode: 'recurrent' }, cot);
        for (const convImpl of ['direct', 'fft'] as const) {
          const got = lsslValueAndGrads(x, w, { ...p, mode: 'conv', convImpl }, cot);
          expect(relErr(got.y, ref.y), `${convImpl} y`).toBeLessThan(2e-5);
          got.grads.forEach((g, i) => {
            const name = i === 0 ? 'x' : LSSL_WEIGHT_NAMES[i - 1];
            expect(relErr(g, ref.grads[i]!), `${convImpl} grad ${name}`).toBeLessThan(5e-5);
          });
        }
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('masks the gradient of a learned LegS A to the lower triangle', () => {
    tf.tidy(() => {
      const p = lsslTestParams({ dModel: 2, stateSize: 6, learnA: true });
      const w = lsslTestWeights(p, 7);
      const { grads } = lsslValueAndGrads(randn([1, 12, 2], 8), w, p, randn([1, 12, 2], 9));
      const gA = grads[1]!.arraySync() as number[][];
      let upper = 0;
      let lower = 0;
      gA.forEach((row, i) => { row.forEach((v, k) => (k > i ? (upper += Math.abs(v)) : (lower += Math.abs(v)))); });
      expect(upper).toBe(0);
      expect(lower).toBeGreaterThan(0);
    });
  });
});
