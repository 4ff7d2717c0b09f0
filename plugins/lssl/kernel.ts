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
 * Kernel [K, M, L] from C [K, M, N] and the discrete system.
 */
export function ssmKernel(C: Tensor, Abar: Tensor, Bbar: Tensor, L: number): Tensor {
  return tf.matMul(C, krylov(Abar, Bbar, L));
}
