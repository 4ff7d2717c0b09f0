/**
 * Test helpers shared by the GLA tests and benchmarks: seeded random weights in the spec's
 * layout and a forward+backward closure.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { createRng } from '../../runtime/lower/rng.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { glaForward } from './layer.ts';
import { GLA_WEIGHT_NAMES, type GlaWeights } from './projections.ts';
import { glaDims, glaParams, type GlaParams } from './spec.ts';

/** Resolved params from a partial set (defaults of the spec filled in). */
export function glaTestParams(over: Partial<GlaParams> & { dModel: number }): GlaParams {
  const base: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(glaParams)) if ('default' in d) base[k] = d.default;
  return { ...base, ...over } as GlaParams;
}

/** Seeded weights (glorot-like uniform, small random biases), `gateShift` added to b_a. */
export function glaTestWeights(p: GlaParams, seed: number, gateShift = 0): GlaWeights {
  const dims = glaDims(p);
  if ('error' in dims) throw new Error(dims.error);
  const rng = createRng(seed);
  const u = (shape: number[], lim: number, shift = 0): Tensor =>
    tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (2 * rng.next() - 1) * lim + shift), shape);
  const { d, dK, dV, rank } = dims;
  return {
    W_q: u([d, dK], 0.3),
    W_k: u([d, dK], 0.3),
    W_v: u([d, dV], 0.5),
    W_a1: u([d, rank], 0.3),
    W_a2: u([rank, dK], 0.3),
    b_a: u([dK], 0.5, gateShift),
    W_r: u([d, dV], 0.5),
    b_r: u([dV], 0.1),
    W_o: u([dV, d], 0.5),
  };
}

/** Seeded N(0,1)-ish tensor (uniform with unit variance; enough for tests). */
export function randomTensor(shape: number[], seed: number): Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
}

/**
 * The gradients of Σ forward(x, w)·cot w.r.t. x and each weight of `names`, in that order
 * (shared by the GLA and LSSL tests).
 */
export function gradsOf<W extends { readonly [K in N]: Tensor }, N extends string>(
  forward: (x: Tensor, w: W) => Tensor,
  names: readonly N[],
  x: Tensor,
  w: W,
  cot: Tensor,
): Tensor[] {
  const f = (...vals: Tensor[]): Tensor => {
    const ws = Object.fromEntries(names.map((n, i) => [n, vals[i + 1]!])) as unknown as W;
    return tf.sum(tf.mul(forward(vals[0]!, ws), cot));
  };
  return tf.grads(f)([x, ...names.map((n) => w[n])]);
}

/** y and the gradients of Σ y·cot w.r.t. x and every weight, in GLA_WEIGHT_NAMES order. */
export function glaValueAndGrads(x: Tensor, w: GlaWeights, p: GlaParams, cot: Tensor): { y: Tensor; grads: Tensor[] } {
  const forward = (xx: Tensor, ww: GlaWeights): Tensor => glaForward(xx, ww, p).y;
  return { y: forward(x, w), grads: gradsOf(forward, GLA_WEIGHT_NAMES, x, w, cot) };
}
