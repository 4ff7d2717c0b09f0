/**
 * The SSM convolution kernel K[c, m, l] = C[c, m, :]·Abar^l·Bbar (the Krylov function,
 * spec §6) by doubling: V ← [V, P·V], P ← P·P, ⌈log₂ L⌉ rounds of batched matmuls.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';

/**
 * Krylov matrix [Bbar, Abar·Bbar, …, Abar^(L−1)·Bbar] of every copy: [K, N, L].
 * @param Abar - [K, N, N]; @param Bbar - [K, N].
 */
export function krylov(Abar: Tensor, Bbar: Tensor, L: number): Tensor {
  const [K, N] = Abar.shape as [number, number, number];
  let V = tf.reshape(Bbar, [K, N, 1]);
  let P = Abar;
  let w = 1;
  while (w < L) {
    V = tf.concat([V, tf.matMul(P, V)], 2);
    w *= 2;
    if (w < L) P = tf.matMul(P, P);
  }
  return w === L ? V : tf.slice(V, [0, 0, 0], [K, N, L]);
}

/**
 * Kernel [K, M, L] from C [K, M, N] and the discrete system, by two-level doubling: with
 * b ≈ √L, K[j·b + i] = (C·Abar^(j·b))·(Abar^i·Bbar). The right factors [Bbar … Abar^(b−1)Bbar]
 * and the left rows [C, C·Q, C·Q², …] (Q = Abar^b) are each built by doubling, then one
 * batched matmul forms all L lags. Same result as {@link krylov} followed by C·V, but
 * O(N²·√L + N³·log L) per copy instead of O(N²·L): with a small batch the plain Krylov
 * product cost as much as the recurrence itself.
 */
export function ssmKernel(C: Tensor, Abar: Tensor, Bbar: Tensor, L: number): Tensor {
  const [K, N] = Abar.shape as [number, number, number];
  const M = C.shape[1]!;
  let b = 1;
  while (b * b < L) b *= 2;
  const nb = Math.ceil(L / b);
  let V = tf.reshape(Bbar, [K, N, 1]);
  let P = Abar; // Abar^w after each round
  for (let w = 1; w < b; w *= 2) {
    V = tf.concat([V, tf.matMul(P, V)], 2);
    P = tf.matMul(P, P);
  }
  let rows = C; // [K, r·M, N]: block j holds C·Abar^(j·b)
  let Q = P; // Abar^b, squared each round
  for (let r = 1; r < nb; r *= 2) {
    rows = tf.concat([rows, tf.matMul(rows, Q)], 1);
    if (2 * r < nb) Q = tf.matMul(Q, Q);
  }
  const blocks = rows.shape[1]! / M;
  const all = tf.reshape(tf.matMul(rows, V), [K, blocks, M, b]); // [K, j, m, i]
  const flat = tf.reshape(tf.transpose(all, [0, 2, 1, 3]), [K, M, blocks * b]);
  return blocks * b === L ? flat : tf.slice(flat, [0, 0, 0], [K, M, L]);
}
