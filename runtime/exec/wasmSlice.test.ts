import { describe, expect, it } from 'vitest';
import { tf } from './tf.ts';
import { onWasmAndCpu, seededValues, useWasmBackend } from '../../test/support/wasmVsCpu.ts';

/** Runs `f` on wasm and on cpu with the same inputs and returns both results as nested arrays. */
function onBoth(f: () => tf.Tensor | tf.Tensor[]): Promise<[unknown, unknown]> {
  const plain = (t: tf.Tensor) => ({ shape: t.shape, dtype: t.dtype, values: t.arraySync() });
  return onWasmAndCpu(() => {
    const r = f();
    return Array.isArray(r) ? r.map(plain) : plain(r);
  });
}

/** Seeded values with one decimal (exact in int32 and bool as well). */
function data(shape: number[], seed: number): Float32Array {
  return seededValues(shape, seed, (v) => Math.round(v * 100) / 10);
}

useWasmBackend();

describe('wasm Slice, Unpack and SplitV read their input in place', () => {
  const shapes = [[7], [4, 5], [3, 4, 5], [2, 3, 4, 5], [2, 2, 3, 2, 3]];
  it('slice gives the cpu backend\'s values for contiguous and strided slices of every rank and dtype', async () => {
    for (const [i, shape] of shapes.entries()) {
      const values = data(shape, i);
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const begin = shape.map((d) => Math.min(1, d - 1));
        const size = shape.map((d, k) => (k === 0 ? d - begin[0]! : Math.max(1, d - 2)));
        const [w, c] = await onBoth(() => [
          tf.slice(tf.tensor(values, shape, dtype), begin, size),
          tf.slice(tf.tensor(values, shape, dtype), [1], [-1]),
          tf.slice(tf.tensor(values, shape, dtype), begin.map(() => 0), shape.map((d, k) => (k === shape.length - 1 ? d : 1))),
        ]);
        expect(w, `${dtype} ${JSON.stringify(shape)}`).toEqual(c);
      }
    }
  });

  it('unstack and split give the cpu backend\'s pieces on every axis', async () => {
    for (const [i, shape] of shapes.entries()) {
      const values = data(shape, 10 + i);
      for (let axis = 0; axis < shape.length; axis++) {
        const [w, c] = await onBoth(() => [...tf.unstack(tf.tensor(values, shape), axis), ...tf.split(tf.tensor(values, shape), [1, shape[axis]! - 1], axis)]);
        expect(w, `${JSON.stringify(shape)} axis ${String(axis)}`).toEqual(c);
      }
    }
  });

  it('never reads the whole input back from the heap (the O(L²) of the stock kernels)', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { readSync: (...a: unknown[]) => unknown };
    const readSync = backend.readSync.bind(backend);
    let reads = 0;
    backend.readSync = (...a: unknown[]) => {
      reads += 1;
      return readSync(...a);
    };
    try {
      tf.tidy(() => {
        const x = tf.ones([64, 8, 3]);
        tf.unstack(x, 0);
        tf.unstack(x, 1);
        tf.split(x, 4, 0);
        tf.slice(x, [3, 1, 0], [10, 2, 3]);
      });
    } finally {
      backend.readSync = readSync;
    }
    expect(reads).toBe(0);
  });

  it('keeps gradients and frees what it makes', async () => {
    const before = tf.memory().numTensors;
    const [w, c] = await onBoth(() => {
      const x = tf.tensor(data([3, 4, 5], 3), [3, 4, 5]);
      return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.stack(tf.unstack(v, 1).map((s, k) => tf.mul(s, k + 1)), 1), tf.slice(v, [0, 0, 0], [3, 4, 5]))))(x);
    });
    expect(w).toEqual(c);
    await tf.setBackend('wasm');
    expect(tf.memory().numTensors).toBe(before);
  });
});
