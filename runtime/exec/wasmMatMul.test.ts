import { describe, expect, it } from 'vitest';
import { tf } from './tf.ts';
import { onWasmAndCpu, seededValues as values, useWasmBackend } from '../../test/support/wasmVsCpu.ts';

/** Runs `f` on wasm and on cpu and returns the largest |wasm − cpu| over every output. */
async function worstDifference(f: () => tf.Tensor[]): Promise<number> {
  const [wasm, cpu] = await onWasmAndCpu(() => f().map((t) => Float32Array.from(t.dataSync())));
  let worst = 0;
  wasm.forEach((w, i) => { w.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - cpu[i]![j]!)))); });
  return worst;
}

/** [a shape, b shape] of the untransposed product; the flags transpose the stored operands. */
const CASES: readonly [number[], number[]][] = [
  [[5, 7], [7, 3]],
  [[1, 9], [9, 1]],
  [[4, 6, 5], [4, 5, 8]],
  [[1, 6, 5], [3, 5, 8]], // batch broadcast
  [[3, 6, 5], [1, 5, 8]],
  [[2, 3, 4, 6], [2, 3, 6, 2]], // rank 4
  // above 64×64: the transposing path (the small ones keep the stock flags)
  [[100, 70], [70, 90]],
  [[1, 80, 70], [3, 70, 66]],
  [[2, 90, 100], [2, 100, 20]],
];

const swap = (s: readonly number[]): number[] => [...s.slice(0, -2), s[s.length - 1]!, s[s.length - 2]!];

useWasmBackend();

describe('wasm BatchMatMul and _FusedMatMul without the slow transposed paths', () => {
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    it(`matMul gives the cpu backend's values (transposeA ${ta}, transposeB ${tb})`, async () => {
      for (const [i, [sa, sb]] of CASES.entries()) {
        const a = ta ? swap(sa) : sa;
        const b = tb ? swap(sb) : sb;
        const worst = await worstDifference(() => [tf.matMul(tf.tensor(values(a, i), a), tf.tensor(values(b, 50 + i), b), ta, tb)]);
        expect(worst, `${JSON.stringify(a)}·${JSON.stringify(b)}`).toBeLessThan(1e-4);
      }
    });

    it(`fused matMul with bias and relu gives the cpu backend's values (transposeA ${ta}, transposeB ${tb})`, async () => {
      const a = ta ? [6, 5] : [5, 6];
      const b = tb ? [4, 6] : [6, 4];
      const worst = await worstDifference(() => [
        tf.fused.matMul({ a: tf.tensor(values(a, 1), a), b: tf.tensor(values(b, 2), b), transposeA: ta, transposeB: tb, bias: tf.tensor1d(values([4], 3)), activation: 'relu' }),
      ]);
      expect(worst).toBeLessThan(1e-4);
    });
  }

  it('gives the gradients of a matMul (which use both flags) as cpu does', async () => {
    const a = [3, 6, 5];
    const b = [3, 5, 4];
    const worst = await worstDifference(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y), tf.tensor(values([3, 6, 4], 9), [3, 6, 4]))))([tf.tensor(values(a, 7), a), tf.tensor(values(b, 8), b)]));
    expect(worst).toBeLessThan(1e-4);
  });

  it('frees its transposed copies', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const x = tf.tensor(values([8, 16], 1), [8, 16]);
    const y = tf.tensor(values([32, 16], 2), [32, 16]);
    const z = tf.tensor(values([4, 32], 3), [4, 32]);
    const before = backend.numDataIds();
    tf.matMul(x, y, false, true).dispose();
    tf.matMul(y, z, true, true).dispose();
    expect(backend.numDataIds()).toBe(before);
    tf.dispose([x, y, z]);
  });
});
