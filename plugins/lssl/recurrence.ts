/**
 * The recurrent view of the SSM (spec §6): x_t = Abar·x_{t−1} + Bbar·u_t,
 * y_t = C·x_t + D·u_t, stepped over time. Depth L; the streaming/inference form.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';

/** Result of {@link ssmRecurrence}: y [B, L, H, S, M] without D, and the final state. */
export interface RecurrenceResult {
  /** C·x_t for every step, [B, L, H, S·M] (feedthrough D not added). */
  readonly y: Tensor;
  /** Final state [H·S, B, N]. */
  readonly state: Tensor;
}

/**
 * Runs the recurrence for every copy.
 * @param u - input [B, L, H]; @param Abar - [H·S, N, N]; @param Bbar - [H·S, N];
 * @param C - [H·S, M, N]; @param x0 - initial state [H·S, B, N] (zeros when absent).
 */
export function ssmRecurrence(u: Tensor, Abar: Tensor, Bbar: Tensor, C: Tensor, S: number, x0?: Tensor): RecurrenceResult {
  const [B, L, H] = u.shape as [number, number, number];
  const [K, N] = Abar.shape as [number, number, number];
  const M = C.shape[1]!;
  // Input of copy (h, s) at time t: [K, B, L].
  const uc = tf.reshape(tf.tile(tf.expandDims(tf.transpose(u, [2, 0, 1]), 1), [1, S, 1, 1]), [K, B, L]);
  const Bb = tf.reshape(Bbar, [K, 1, N]);
  // Transposed once: a transposeB matmul per step would redo it L times.
  const AbarT = tf.transpose(Abar, [0, 2, 1]);
  const Ct = tf.transpose(C, [0, 2, 1]); // [K, N, M]
  let x = x0 ?? tf.zeros([K, B, N]);
  const ys: Tensor[] = [];
  // tfjs 4.22: the gradients of split/unstack break when there is a single piece (their
  // kernel then returns one tensor, not a list), so L = 1 uses the tensor itself.
  const us = L === 1 ? [uc] : L > 1 ? tf.unstack(tf.expandDims(uc, 3), 2) : []; // each [K, B, 1]
  for (let t = 0; t < L; t++) {
    x = tf.add(tf.matMul(x, AbarT), tf.mul(Bb, us[t]!)); // [K, B, N]
    ys.push(tf.matMul(x, Ct)); // [K, B, M]
  }
  const y = L > 0 ? tf.stack(ys, 2) : tf.zeros([K, B, 0, M]); // [K, B, L, M]
  const out = tf.reshape(tf.transpose(tf.reshape(y, [H, S, B, L, M]), [2, 3, 0, 1, 4]), [B, L, H, S * M]);
  return { y: out, state: x };
}
