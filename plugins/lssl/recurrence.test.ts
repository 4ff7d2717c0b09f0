/**
 * The scan's own backward (adjoint recurrence) against autodiff of the plain step loop, for the
 * outputs, the final state and every input including the initial state.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../runtime/lower/rng.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { ssmRecurrence } from './recurrence.ts';

function randn(shape: number[], seed: number, scale = 1): Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale), shape);
}

/** The recurrence written as a step loop, differentiated by tfjs autodiff (the reference). */
function loopRecurrence(u: Tensor, Abar: Tensor, Bbar: Tensor, C: Tensor, S: number, x0: Tensor): { y: Tensor; state: Tensor } {
  const [B, L, H] = u.shape as [number, number, number];
  const [K, N] = Abar.shape as [number, number];
  const M = C.shape[1]!;
  const uc = tf.reshape(tf.tile(tf.expandDims(tf.transpose(u, [2, 0, 1]), 1), [1, S, 1, 1]), [K, B, L]);
  let x = x0;
  const ys: Tensor[] = [];
  for (let t = 0; t < L; t++) {
    const ut = tf.reshape(tf.slice(uc, [0, 0, t], [K, B, 1]), [K, B, 1]);
    x = tf.add(tf.matMul(x, Abar, false, true), tf.mul(tf.reshape(Bbar, [K, 1, N]), ut));
    ys.push(tf.matMul(x, C, false, true));
  }
  const y = tf.reshape(tf.transpose(tf.reshape(tf.stack(ys, 2), [H, S, B, L, M]), [2, 3, 0, 1, 4]), [B, L, H, S * M]);
  return { y, state: x };
}

function relErr(a: Tensor, b: Tensor): number {
  const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
  return diff / Math.max(1, tf.max(tf.abs(b)).dataSync()[0]!);
}

runTestsOnWasm();

describe('ssmRecurrence backward', () => {
  for (const L of [1, 2, 9, 40]) {
    it(`equals autodiff of the step loop at L = ${String(L)} (y, final state, every input, x0)`, () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const [B, H, S, N, M] = [2, 3, 2, 5, 2];
        const K = H * S;
        const u = randn([B, L, H], 1 + L);
        const Abar = tf.add(tf.mul(tf.eye(N).reshape([1, N, N]), 0.9), randn([K, N, N], 2, 0.05));
        const Bbar = randn([K, N], 3);
        const C = randn([K, M, N], 4);
        const x0 = randn([K, B, N], 5, 0.5);
        const dy = randn([B, L, H, S * M], 6);
        const dState = randn([K, B, N], 7);
        const loss = (f: typeof loopRecurrence) => (...xs: Tensor[]) => {
          const r = f(xs[0]!, xs[1]!, xs[2]!, xs[3]!, S, xs[4]!);
          return tf.add(tf.sum(tf.mul(r.y, dy)), tf.sum(tf.mul(r.state, dState)));
        };
        const inputs = [u, Abar, Bbar, C, x0];
        const ref = tf.grads(loss(loopRecurrence))(inputs);
        const got = tf.grads(loss((...a) => ssmRecurrence(...(a as Parameters<typeof ssmRecurrence>))))(inputs);
        const fRef = loopRecurrence(u, Abar, Bbar, C, S, x0);
        const fGot = ssmRecurrence(u, Abar, Bbar, C, S, x0);
        expect(relErr(fGot.y, fRef.y)).toBeLessThan(1e-5);
        expect(relErr(fGot.state, fRef.state)).toBeLessThan(1e-5);
        ['u', 'Abar', 'Bbar', 'C', 'x0'].forEach((name, i) => {
          expect(relErr(got[i]!, ref[i]!), `d${name}`).toBeLessThan(1e-5);
        });
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('keeps nothing on the tape beyond the states: no leak after a training-style gradient', () => {
    const before = tf.memory().numTensors;
    const [K, B, N, M] = [2, 1, 3, 1];
    const Abar = tf.tidy(() => tf.variable(tf.mul(tf.eye(N).reshape([1, N, N]).tile([K, 1, 1]), 0.5)));
    const { value, grads } = tf.variableGrads(() => tf.sum<tf.Scalar>(ssmRecurrence(tf.ones([B, 300, 1]), Abar, tf.ones([K, N]), tf.ones([K, M, N]), 2).y), [Abar]);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    tf.dispose([value, ...Object.values(grads), Abar]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
