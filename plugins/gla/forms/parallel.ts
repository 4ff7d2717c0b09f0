/**
 * The fully parallel (quadratic) form of the GLA core (spec §5.2), stable variant: the
 * elementwise [L, L, dk] decay tensor with the exponent masked before exp. Memory O(L²·dk)
 * and a global cumulative gate sum, so it is meant for short sequences only (spec §6).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../../runtime/exec/tf.ts';
import type { CoreInputs } from '../projections.ts';
import type { CoreResult } from './types.ts';

/**
 * Inclusive cumulative sum along `axis`, computed on the last axis: the gradient of tfjs
 * 4.22's Cumsum is wrong (transposed shape) for any other axis.
 */
export function cumsumAxis(t: Tensor, axis: number): Tensor {
  const r = t.rank;
  if (axis === r - 1) return tf.cumsum(t, axis);
  const perm = [...Array(r).keys()];
  perm[axis] = r - 1;
  perm[r - 1] = axis;
  return tf.transpose(tf.cumsum(tf.transpose(t, perm), r - 1), perm);
}

/** Lower-triangular 0/1 mask [n, n, 1] (s ≤ t), as float32. */
export function causalMask3(n: number, strict = false): Tensor {
  const data = new Float32Array(n * n);
  for (let t = 0; t < n; t++) for (let s = 0; s < n; s++) data[t * n + s] = strict ? Number(s < t) : Number(s <= t);
  return tf.tensor3d(data, [n, n, 1]);
}

/**
 * Scores P[t,s] = Σ_i q_t[i] k_s[i] exp(G_t[i] − G_s[i]) for s ≤ t (0 otherwise), with the
 * exponent zeroed where masked so that no entry overflows (∞·0 = NaN, also in the backward).
 * Works on any leading batch axes: q, k, G [..., n, dk] -> P [..., n, n].
 */
export function maskedDecayScores(q: Tensor, k: Tensor, G: Tensor): Tensor {
  const r = q.rank;
  const n = q.shape[r - 2]!;
  const mask = causalMask3(n);
  const e = tf.mul(tf.sub(tf.expandDims(G, r - 1), tf.expandDims(G, r - 2)), mask);
  const D = tf.mul(tf.exp(e), mask);
  return tf.sum(tf.mul(tf.mul(tf.expandDims(q, r - 1), tf.expandDims(k, r - 2)), D), -1);
}

/**
 * Parallel form over the whole sequence (global G).
 * @param S0 - initial state [B·H, dk, dv]; zeros when absent.
 */
export function glaParallel(inp: CoreInputs, S0?: Tensor): CoreResult {
  const [bh, L, dk] = inp.q.shape as [number, number, number];
  const dv = inp.v.shape[2]!;
  if (L === 0) return { o: tf.zeros([bh, 0, dv]), state: S0 ?? tf.zeros([bh, dk, dv]) };
  const G = cumsumAxis(inp.g, 1);
  let o = tf.matMul(maskedDecayScores(inp.q, inp.k, G), inp.v);
  const Glast = tf.slice(G, [0, L - 1, 0], [bh, 1, dk]);
  let state = tf.matMul(tf.mul(inp.k, tf.exp(tf.sub(Glast, G))), inp.v, true, false);
  if (S0) {
    o = tf.add(o, tf.matMul(tf.mul(inp.q, tf.exp(G)), S0));
    state = tf.add(state, tf.mul(tf.exp(tf.transpose(Glast, [0, 2, 1])), S0));
  }
  return { o, state };
}
