/**
 * sin(f·w) and cos(f·w) accurate to float32 on every backend. GPU backends evaluate sin and cos
 * with fast approximations: on SwiftShader (WebGPU and WebGL) the absolute error is 2e-4 even
 * inside [−π, π] and grows with the argument, which put BiPer's kernel gradient 2e-4 relative
 * off where its fixtures allow 1e-4 (Vulkan and Metal allow such errors on real GPUs too). So
 * neither is used here: the phase is reduced with exact float32 steps and a polynomial, made of
 * multiplies and adds only, does the rest.
 *
 * Reduction (Cody–Waite): with the half period h = π/f split as h_hi + h_lo, where h_hi has 12
 * significant bits, m = round(w / h) and r = f·((w − m·h_hi) − m·h_lo) ∈ [−π/2, π/2]; m·h_hi is
 * exact while |m| < 2¹² and w − m·h_hi loses nothing to cancellation, so r keeps the accuracy
 * of w. Then sin(f·w) = (−1)^m·sin(r) and cos(f·w) = (−1)^m·cos(r), with sin and cos of r by
 * their Taylor series to r¹³ and r¹² (truncation below 6e-8 on [−π/2, π/2]). The gradient
 * follows by autodiff (round's gradient is zero): d/dw = f·(−1)^m·(the derivative polynomial).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';

/** `x` rounded to its 12 most significant bits (a float32 whose products with small integers are exact). */
function leadingBits(x: number): number {
  const unit = 2 ** (Math.floor(Math.log2(Math.abs(x))) - 11);
  return Math.round(x / unit) * unit;
}

/** f·w = m·π + r with r ∈ [−π/2, π/2]; returns r and (−1)^m. */
function halfTurns(w: Tensor, freq: number): { r: Tensor; sign: Tensor } {
  const half = Math.PI / freq;
  const hi = leadingBits(half);
  const lo = Math.fround(half - hi);
  const m = tf.round(tf.mul(w, 1 / half));
  const r = tf.mul(tf.sub(tf.sub(w, tf.mul(m, hi)), tf.mul(m, lo)), freq);
  const odd = tf.sub(m, tf.mul(tf.floor(tf.mul(m, 0.5)), 2)); // m mod 2, also for m < 0
  return { r, sign: tf.sub(1, tf.mul(odd, 2)) };
}

/** 1 − x·(1/d₁)·(1 − x·(1/d₂)·(…)) in Horner form, for x = r² and the Taylor denominators. */
function alternatingSeries(x: Tensor, divisors: readonly number[]): Tensor {
  let acc: Tensor = tf.onesLike(x);
  for (let i = divisors.length - 1; i >= 0; i--) acc = tf.sub(1, tf.mul(tf.mul(x, 1 / divisors[i]!), acc));
  return acc;
}

/** sin(f·w), accurate to float32 on every backend for any f·w in range. */
export function sinOfPhase(w: Tensor, freq: number): Tensor {
  const { r, sign } = halfTurns(w, freq);
  const sinR = tf.mul(r, alternatingSeries(tf.square(r), [6, 20, 42, 72, 110, 156]));
  return tf.mul(sign, sinR);
}

/** cos(f·w), accurate to float32 on every backend for any f·w in range. */
export function cosOfPhase(w: Tensor, freq: number): Tensor {
  const { r, sign } = halfTurns(w, freq);
  return tf.mul(sign, alternatingSeries(tf.square(r), [2, 12, 30, 56, 90, 132]));
}
