/**
 * Test helpers shared by the LSSL tests and benchmarks: seeded weights (HiPPO A, B) and a
 * forward+backward closure.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { createRng } from '../../runtime/lower/rng.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { gradsOf } from '../gla/gla.testkit.ts';
import { hippo } from './hippo.ts';
import { LSSL_WEIGHT_NAMES, lsslForward, type LsslWeights } from './layer.ts';
import { lsslOutWidth, lsslParams, type LsslParams } from './spec.ts';

/** Resolved params from a partial set (defaults of the spec filled in). */
export function lsslTestParams(over: Partial<LsslParams> & { dModel: number }): LsslParams {
  const base: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(lsslParams)) if ('default' in d) base[k] = d.default;
  return { ...base, ...over } as LsslParams;
}

/** Seeded weights: HiPPO A, B; log-uniform dt in [dtMin, dtMax]; N(0,1) C, D; small W_out. */
export function lsslTestWeights(p: LsslParams, seed: number): LsslWeights {
  const rng = createRng(seed);
  const { dModel: H, stateSize: N, timescales: S, channels: M } = p;
  const out = lsslOutWidth(p);
  const { A, B } = hippo(p.measure, N);
  const arr = (n: number, f: () => number): Float32Array => Float32Array.from({ length: n }, f);
  const lo = Math.log(p.dtMin);
  const hi = Math.log(p.dtMax);
  const lim = Math.sqrt(6 / (H * S * M + out));
  return {
    A: tf.tensor(Float32Array.from(A), [N, N]),
    B: tf.tensor(Float32Array.from(B), [N]),
    log_dt: tf.tensor(arr(H * S, () => lo + (hi - lo) * rng.next()), [H, S]),
    C: tf.tensor(arr(H * S * M * N, () => rng.normal()), [H, S, M, N]),
    D: tf.tensor(arr(H * S * M, () => rng.normal()), [H, S, M]),
    W_out: tf.tensor(arr(H * S * M * out, () => (2 * rng.next() - 1) * lim), [H * S * M, out]),
    b_out: tf.tensor(arr(out, () => 0.1 * rng.normal()), [out]),
  };
}

/** y and the gradients of Σ y·cot w.r.t. x and every weight, in LSSL_WEIGHT_NAMES order. */
export function lsslValueAndGrads(x: Tensor, w: LsslWeights, p: LsslParams, cot: Tensor): { y: Tensor; grads: Tensor[] } {
  const forward = (xx: Tensor, ww: LsslWeights): Tensor => lsslForward(xx, ww, p).y;
  return { y: forward(x, w), grads: gradsOf(forward, LSSL_WEIGHT_NAMES, x, w, cot) };
}
