/**
 * The GLA layer around its core (spec §4): input projections, the low-rank gate, the head
 * split, the per-head LayerNorm, the swish output gate and the output projection.
 * Core tensors use the layout [B·H, L, width] so every form can batch over (batch, head).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';
import type { GlaDims } from './spec.ts';

/** The nine GLA weights, by their spec names. */
export interface GlaWeights {
  readonly W_q: Tensor;
  readonly W_k: Tensor;
  readonly W_v: Tensor;
  readonly W_a1: Tensor;
  readonly W_a2: Tensor;
  readonly b_a: Tensor;
  readonly W_r: Tensor;
  readonly b_r: Tensor;
  readonly W_o: Tensor;
}

/** Names of the GLA weights, in spec order. */
export const GLA_WEIGHT_NAMES = ['W_q', 'W_k', 'W_v', 'W_a1', 'W_a2', 'b_a', 'W_r', 'b_r', 'W_o'] as const;

/** Inputs of the core: scaled queries, keys, values and log-gates, each [B·H, L, ·]. */
export interface CoreInputs {
  readonly q: Tensor;
  readonly k: Tensor;
  readonly v: Tensor;
  /** log α_t = logSigmoid(z)/τ, always ≤ 0. */
  readonly g: Tensor;
}

/** Picks the nine weights out of a weight map, naming a missing one. */
export function pickGlaWeights(w: Readonly<Record<string, Tensor>>, nodeId: string): GlaWeights {
  const get = (n: (typeof GLA_WEIGHT_NAMES)[number]): Tensor => {
    const t = w[n];
    if (!t) throw new Error(`gla node "${nodeId}": weight "${n}" is missing`);
    return t;
  };
  return {
    W_q: get('W_q'),
    W_k: get('W_k'),
    W_v: get('W_v'),
    W_a1: get('W_a1'),
    W_a2: get('W_a2'),
    b_a: get('b_a'),
    W_r: get('W_r'),
    b_r: get('b_r'),
    W_o: get('W_o'),
  };
}

/** [B·L, H·w] (or [B, L, H·w]) -> [B·H, L, w]: contiguous head blocks (spec §10.7). */
export function splitHeads(t: Tensor, batch: number, heads: number): Tensor {
  const f = t.shape[t.rank - 1]!;
  const w = f / heads;
  const l = t.size / (batch * f);
  return tf.reshape(tf.transpose(tf.reshape(t, [batch, l, heads, w]), [0, 2, 1, 3]), [batch * heads, l, w]);
}

/** [B·H, L, w] -> [B·L, H·w]; the inverse of {@link splitHeads}, rows flattened. */
export function mergeHeads(t: Tensor, heads: number): Tensor {
  const [bh, l, w] = t.shape as [number, number, number];
  const b = bh / heads;
  return tf.reshape(tf.transpose(tf.reshape(t, [b, heads, l, w]), [0, 2, 1, 3]), [b * l, heads * w]);
}

/** The core inputs and the output gate's pre-activation x·W_r + b_r [B·L, dV]. */
export interface Projected {
  readonly core: CoreInputs;
  readonly gate: Tensor;
}

/**
 * Projects x [B, L, d] through the five input projections at once, x·[W_q | W_k | W_v | W_a1 |
 * W_r] (one matmul, forward and backward, instead of five; docs/adr/0006). The gate is
 * computed as −softplus(−z)/τ (= logSigmoid(z)/τ), never via σ(z): σ underflows for z ≲ −88
 * and log 0 = −∞ (spec §4). Not `tf.logSigmoid`: its custom gradient in tfjs 4.22 reads a
 * disposed tensor when it is used inside `tf.grads` together with other ops.
 */
export function projectInputs(x: Tensor, w: GlaWeights, dims: GlaDims, tau: number): Projected {
  const [b, l, d] = x.shape as [number, number, number];
  const { heads: H, dK, dV, rank } = dims;
  const all = tf.matMul(tf.reshape(x, [b * l, d]), tf.concat([w.W_q, w.W_k, w.W_v, w.W_a1, w.W_r], 1));
  const [xq, xk, xv, xa, xr] = tf.split(all, [dK, dK, dV, rank, dV], 1) as [Tensor, Tensor, Tensor, Tensor, Tensor];
  const q = tf.mul(splitHeads(xq, b, H), 1 / Math.sqrt(dims.dkHead));
  const k = splitHeads(xk, b, H);
  const v = splitHeads(xv, b, H);
  const z = tf.add(tf.matMul(xa, w.W_a2), w.b_a);
  const g = splitHeads(tf.div(tf.neg(tf.softplus(tf.neg(z))), tau), b, H);
  return { core: { q, k, v, g }, gate: tf.add(xr, w.b_r) };
}

/**
 * Per-head LayerNorm (no affine, biased variance as mean((o−μ)²)), head merge, swish gate
 * and output projection: o [B·H, L, dv] -> y [B, L, d].
 */
export function finishOutput(o: Tensor, gate: Tensor, w: GlaWeights, dims: GlaDims, eps: number): Tensor {
  const [bh, l] = o.shape as [number, number, number];
  const mu = tf.mean(o, -1, true);
  const centred = tf.sub(o, mu);
  const variance = tf.mean(tf.square(centred), -1, true);
  const normed = tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
  const merged = mergeHeads(normed, dims.heads);
  const r = tf.mul(gate, tf.sigmoid(gate));
  const y = tf.matMul(tf.mul(r, merged), w.W_o);
  return tf.reshape(y, [bh / dims.heads, l, dims.d]);
}
