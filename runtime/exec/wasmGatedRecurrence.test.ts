/**
 * The fused gated recurrence on wasm against the same recurrence written as tfjs ops on the
 * cpu backend (forward and the gradients of all four inputs), on random shapes that take the
 * quadratic form (L·(dk + dv) < 4·dk·dv: L = 1, 9, 17) and the recurrence (L = 12, 23, 40, and
 * gate sums below −600); the checkpointed backward against the one that keeps every state; leaks.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { tf } from './tf.ts';
import { onWasmAndCpu, seededValues, useWasmBackend } from '../../test/support/wasmVsCpu.ts';
import { recurrenceBackward, type RecurrenceDims } from './gatedRecurrence.ts';
import { quadraticForward, quadraticIsCheaper, quadraticScratch } from './gatedRecurrenceQuadratic.ts';
import { fusedRecurrenceAvailable, gatedRecurrence } from './wasmGatedRecurrence.ts';

/** The definition as tfjs ops: S_t = diag(exp g_t)·S_{t−1} + k_tᵀv_t, o_t = q_t·S_t. */
function recurrenceOps(q: Tensor, k: Tensor, v: Tensor, g: Tensor): Tensor {
  const [n, L, dk] = q.shape as [number, number, number];
  const dv = v.shape[2]!;
  const at = (t: Tensor, i: number): Tensor => tf.slice(t, [0, i, 0], [n, 1, t.shape[2]!]);
  let S: Tensor = tf.zeros([n, dk, dv]);
  const outs: Tensor[] = [];
  for (let i = 0; i < L; i++) {
    const decay = tf.reshape(tf.exp(at(g, i)), [n, dk, 1]);
    S = tf.add(tf.mul(decay, S), tf.matMul(at(k, i), at(v, i), true, false));
    outs.push(tf.matMul(at(q, i), S));
  }
  return tf.concat(outs, 1);
}

/** The fused kernel where it runs (wasm), else the ops. */
function recurrence(q: Tensor, k: Tensor, v: Tensor, g: Tensor): Tensor {
  return fusedRecurrenceAvailable() ? gatedRecurrence(q, k, v, g) : recurrenceOps(q, k, v, g);
}

interface Case {
  readonly dims: RecurrenceDims;
  /** log-decay = −softplus(normal)·gateScale − gateShift (always ≤ 0). */
  readonly gateScale: number;
  readonly gateShift: number;
}

function inputsOf({ dims: { n, L, dk, dv }, gateScale, gateShift }: Case, seed: number): Tensor[] {
  const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  const shapes = [[n, L, dk], [n, L, dk], [n, L, dv], [n, L, dk], [n, L, dv]];
  return shapes.map((s, i) => tf.tensor(seededValues(s, seed + i, i === 3 ? (z) => -softplus(z) * gateScale - gateShift : undefined), s));
}

/** y and the gradients of Σ y·cot for q, k, v and g, read back. */
function valueAndGrads(c: Case, seed: number): Float32Array[] {
  const [q, k, v, g, cot] = inputsOf(c, seed) as [Tensor, Tensor, Tensor, Tensor, Tensor];
  const grads = tf.grads((a: Tensor, b: Tensor, d: Tensor, e: Tensor) => tf.sum(tf.mul(recurrence(a, b, d, e), cot)))([q, k, v, g]);
  return [recurrence(q, k, v, g), ...grads].map((t) => Float32Array.from(t.dataSync()));
}

/** max|a − b| / max(1, max|b|) over each pair of arrays. */
function worstRelative(a: Float32Array[], b: Float32Array[]): number[] {
  return a.map((x, i) => {
    const ref = b[i]!;
    let diff = 0;
    let scale = 1;
    x.forEach((v, j) => {
      diff = Math.max(diff, Math.abs(v - ref[j]!));
      scale = Math.max(scale, Math.abs(ref[j]!));
    });
    return diff / scale;
  });
}

const CASES: readonly Case[] = [
  { dims: { n: 3, L: 1, dk: 4, dv: 5 }, gateScale: 0.3, gateShift: 0 },
  { dims: { n: 2, L: 17, dk: 8, dv: 16 }, gateScale: 0.3, gateShift: 0 },
  { dims: { n: 4, L: 23, dk: 3, dv: 7 }, gateScale: 1, gateShift: 0 },
  { dims: { n: 1, L: 40, dk: 16, dv: 8 }, gateScale: 0.05, gateShift: 0 },
  { dims: { n: 2, L: 9, dk: 5, dv: 6 }, gateScale: 1, gateShift: 30 }, // decays underflow to 0
  { dims: { n: 2, L: 12, dk: 4, dv: 4 }, gateScale: 0, gateShift: 0 }, // no decay at all
  { dims: { n: 2, L: 9, dk: 5, dv: 6 }, gateScale: 1, gateShift: 80 }, // gate sums below −600: the recurrence
];

useWasmBackend();

describe('the fused gated recurrence (wasm) against tfjs ops (cpu)', () => {
  it('is available on wasm only', async () => {
    await tf.setBackend('wasm');
    expect(fusedRecurrenceAvailable()).toBe(true);
    await tf.setBackend('cpu');
    expect(fusedRecurrenceAvailable()).toBe(false);
    await tf.setBackend('wasm');
  });

  for (const [i, c] of CASES.entries()) {
    it(`gives the cpu backend's output and gradients (n ${c.dims.n}, L ${c.dims.L}, dk ${c.dims.dk}, dv ${c.dims.dv}, gates −softplus·${c.gateScale} − ${c.gateShift})`, async () => {
      const [wasm, cpu] = await onWasmAndCpu(() => valueAndGrads(c, 10 * i));
      const errors = worstRelative(wasm, cpu);
      errors.forEach((e, j) => {
        expect(e, ['o', 'dq', 'dk', 'dv', 'dg'][j]).toBeLessThan(1e-5);
      });
      for (const values of wasm) expect(values.every(Number.isFinite)).toBe(true);
    });
  }

  it('frees everything it makes, forward and backward', async () => {
    await tf.setBackend('wasm');
    const c = CASES[1]!;
    const inputs = inputsOf(c, 1);
    const before = tf.memory().numTensors;
    tf.tidy(() => valueAndGrads(c, 2));
    const [q, k, v, g] = inputs as [Tensor, Tensor, Tensor, Tensor];
    // Outside any tidy of ours: the three gradients nobody asked for must be freed by tf.grads.
    tf.dispose(tf.grads((a: Tensor) => tf.sum(gatedRecurrence(a, k, v, g)))([q]));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(inputs);
  });

  it('takes an empty sequence (L = 0), forward and backward', async () => {
    await tf.setBackend('wasm');
    tf.tidy(() => {
      const empty = (w: number): Tensor => tf.zeros([2, 0, w]);
      expect(gatedRecurrence(empty(3), empty(3), empty(4), empty(3)).shape).toEqual([2, 0, 4]);
      const [dq] = tf.grads((q: Tensor) => tf.sum(gatedRecurrence(q, empty(3), empty(4), empty(3))))([empty(3)]);
      expect(dq!.shape).toEqual([2, 0, 3]);
    });
  });

  it('refuses an input that is not float32 of rank 3, naming it', async () => {
    await tf.setBackend('wasm');
    tf.tidy(() => {
      const t = tf.zeros([1, 2, 3]);
      expect(() => gatedRecurrence(t, t, t, tf.zeros([2, 3]))).toThrow(/input "g" must be a float32 tensor of rank 3, got float32 \[2, 3\]/);
    });
  });
});

describe('the checkpointed backward', () => {
  it('equals the backward that keeps every state, for lengths with a ragged last block', () => {
    for (const L of [2, 5, 10, 23]) {
      const dims = { n: 2, L, dk: 3, dv: 4 };
      const sizes = [L * 3, L * 3, L * 4, L * 3].map((m) => 2 * m);
      const [q, k, v, g] = sizes.map((m, i) => seededValues([m], 100 + i, i === 3 ? (z) => -Math.abs(z) : undefined)) as [Float32Array, Float32Array, Float32Array, Float32Array];
      const dO = seededValues([2 * L * 4], 99);
      const grads = (keepAllUpTo: number): Float32Array[] => {
        const out = { dq: new Float32Array(q.length), dk: new Float32Array(k.length), dv: new Float32Array(v.length), dg: new Float32Array(g.length) };
        recurrenceBackward({ q, k, v, g }, dO, dims, out, keepAllUpTo);
        return [out.dq, out.dk, out.dv, out.dg];
      };
      expect(grads(0), `L ${L}`).toEqual(grads(Infinity));
    }
  });
});

describe('the quadratic form of short sequences', () => {
  it('is chosen at the GLA example sizes and not for long sequences', () => {
    expect(quadraticIsCheaper({ n: 128, L: 16, dk: 16, dv: 32 })).toBe(true);
    expect(quadraticIsCheaper({ n: 4, L: 128, dk: 16, dv: 32 })).toBe(false);
  });

  it('leaves a sequence whose gate sums fall below −600 to the recurrence', () => {
    const dims = { n: 1, L: 9, dk: 2, dv: 3 };
    const inputs = (gate: number): Parameters<typeof quadraticForward>[0] => ({
      q: seededValues([9 * 2], 1),
      k: seededValues([9 * 2], 2),
      v: seededValues([9 * 3], 3),
      g: new Float32Array(9 * 2).fill(gate),
    });
    const o = new Float32Array(9 * 3);
    expect(quadraticForward(inputs(-1), dims, 0, quadraticScratch(dims), o)).toBe(true);
    expect(quadraticForward(inputs(-70), dims, 0, quadraticScratch(dims), o)).toBe(false);
  });
});
