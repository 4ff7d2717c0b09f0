/** Elementwise activation functions shared by `dense`, `activation` and others (tfjs). */
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';

/** Every activation name the built-in plugins accept; `none` is the identity. */
export type ActivationName =
  'none' | 'relu' | 'gelu' | 'silu' | 'tanh' | 'sigmoid' | 'softplus' | 'leakyRelu';

/**
 * Applies an activation. GELU is the exact erf form, 0.5·x·(1 + erf(x/√2)); `alpha` is the
 * negative slope of leaky ReLU. Call inside `tf.tidy` (intermediates are not disposed here).
 */
export function applyActivation(x: tfc.Tensor, name: ActivationName, alpha = 0.01): tfc.Tensor {
  switch (name) {
    case 'none':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'gelu':
      return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
    case 'silu':
      return tf.mul(x, tf.sigmoid(x));
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'softplus':
      return tf.softplus(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, alpha);
  }
}

/** The same functions on plain numbers, for tests and reference computations. */
export function activationRef(v: number, name: ActivationName, alpha = 0.01): number {
  switch (name) {
    case 'none':
      return v;
    case 'relu':
      return Math.max(0, v);
    case 'gelu':
      return 0.5 * v * (1 + erfRef(v * Math.SQRT1_2));
    case 'silu':
      return v / (1 + Math.exp(-v));
    case 'tanh':
      return Math.tanh(v);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-v));
    case 'softplus':
      return Math.log1p(Math.exp(v));
    case 'leakyRelu':
      return v >= 0 ? v : alpha * v;
  }
}

/** erf to ~1e-7 (Abramowitz-Stegun 7.1.26 is too coarse for float32 checks; use a series). */
function erfRef(x: number): number {
  // Taylor series converges well for |x| < 3; beyond that erf is ±1 to float32 precision.
  if (Math.abs(x) > 3) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 60; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
