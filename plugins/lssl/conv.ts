/**
 * Causal convolution of the input with the SSM kernels (spec §6): y_t = Σ_{j≤t} K[t−j]·u_j.
 * Inputs: u [B, L, H] and kernels [H, R, L] (R = S·M rows per feature). Output
 * [B, L, H, R]. Both forms are exact; they differ in cost and memory.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';
import { fft, ifft, nextPow2 } from './fft.ts';

/**
 * Lower-triangular Toeplitz matrices T[.., t, j] = K[.., t−j] (0 for j > t) from K [P, L],
 * built with the skew trick (reverse, pad, broadcast, slice, reshape) so the gradient needs no
 * gather/scatter kernel (wasm has no UnsortedSegmentSum).
 */
export function toeplitz(K: Tensor): Tensor {
  const [P, L] = K.shape as [number, number];
  const w = tf.concat([tf.reverse(K, 1), tf.zeros([P, L])], 1); // [P, 2L]: K[L−1..0], 0…
  // Row t must start at offset L−1−t of w: repeat w, then cut rows of length 2L−1.
  // Repeat by a broadcasting multiply: its gradient is one reduction, whereas tile's and
  // broadcastTo's (a Tile kernel) loop over the L repeats.
  const tiled = tf.reshape(tf.mul(tf.reshape(w, [P, 1, 2 * L]), tf.ones([1, L, 1])), [P, 2 * L * L]);
  const skew = tf.slice(tiled, [0, L - 1], [P, L * (2 * L - 1)]);
  return tf.slice(tf.reshape(skew, [P, L, 2 * L - 1]), [0, 0, 0], [P, L, L]);
}

/** Direct causal convolution, O(L²) per row; exact. */
export function convDirect(u: Tensor, K: Tensor): Tensor {
  const [B, L, H] = u.shape as [number, number, number];
  const R = K.shape[1]!;
  const T = tf.reshape(toeplitz(tf.reshape(K, [H * R, L])), [H, R * L, L]);
  const uh = tf.transpose(u, [2, 1, 0]); // [H, L(j), B]
  const y = tf.reshape(tf.matMul(T, uh), [H, R, L, B]);
  return tf.transpose(y, [3, 2, 0, 1]);
}

/**
 * FFT causal convolution, O(L log L): zero-pad to n = nextPow2(2L−1) so there is no circular
 * wrap-around, multiply the spectra, invert, keep the first L samples.
 */
export function convFft(u: Tensor, K: Tensor): Tensor {
  const [B, L, H] = u.shape as [number, number, number];
  const R = K.shape[1]!;
  const n = nextPow2(2 * L - 1);
  const padLast = (t: Tensor): Tensor => {
    const pads = t.shape.map((): [number, number] => [0, 0]);
    pads[pads.length - 1] = [0, n - L];
    return tf.pad(t, pads);
  };
  const U = fft({ re: padLast(tf.transpose(u, [2, 0, 1])) }); // [H, B, n]
  const Kf = fft({ re: padLast(K) }); // [H, R, n]
  const ur = tf.expandDims(U.re, 1);
  const ui = tf.expandDims(U.im, 1); // [H, 1, B, n]
  const kr = tf.expandDims(Kf.re, 2);
  const ki = tf.expandDims(Kf.im, 2); // [H, R, 1, n]
  const prod = {
    re: tf.sub(tf.mul(ur, kr), tf.mul(ui, ki)),
    im: tf.add(tf.mul(ur, ki), tf.mul(ui, kr)),
  };
  const y = tf.slice(ifft(prod).re, [0, 0, 0, 0], [H, R, B, L]); // real part: input is real
  return tf.transpose(y, [2, 3, 0, 1]);
}
