/**
 * The whole LSSL layer as plain functions of tensors (spec §1, §5, §6): discretise every copy,
 * run the SSM as a convolution or a recurrence, add the feedthrough, GELU, output projection.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { syncReadbackIsCheap } from '../../runtime/exec/readback.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { convDirect, convFft } from './conv.ts';
import type { Discrete } from './discretise.ts';
import { discretiseDevice } from './discretiseDevice.ts';
import { discretiseHost } from './discretiseHost.ts';
import { hippoMask } from './hippo.ts';
import { ssmKernel } from './kernel.ts';
import { ssmRecurrence } from './recurrence.ts';
import type { LsslParams } from './spec.ts';

/** The seven LSSL weights, by their spec names. */
export interface LsslWeights {
  readonly A: Tensor;
  readonly B: Tensor;
  readonly log_dt: Tensor;
  readonly C: Tensor;
  readonly D: Tensor;
  readonly W_out: Tensor;
  readonly b_out: Tensor;
}

/** Names of the LSSL weights, in spec order. */
export const LSSL_WEIGHT_NAMES = ['A', 'B', 'log_dt', 'C', 'D', 'W_out', 'b_out'] as const;

/** Longest sequence for which `convImpl: auto` uses the direct convolution. */
export const AUTO_DIRECT_MAX_LENGTH = 512;

/** Picks the seven weights out of a weight map, naming a missing one. */
export function pickLsslWeights(w: Readonly<Record<string, Tensor>>, nodeId: string): LsslWeights {
  const get = (n: (typeof LSSL_WEIGHT_NAMES)[number]): Tensor => {
    const t = w[n];
    if (!t) throw new Error(`lssl node "${nodeId}": weight "${n}" is missing`);
    return t;
  };
  return { A: get('A'), B: get('B'), log_dt: get('log_dt'), C: get('C'), D: get('D'), W_out: get('W_out'), b_out: get('b_out') };
}

/**
 * Discrete (Abar, Bbar) of every copy (h, s), flattened to K = H·S copies, with a closed-form
 * gradient: on the host in float64 where tensors live in host memory (cpu, wasm:
 * discretiseHost.ts), on the device in float32 on GPU backends, which must not be read back
 * synchronously (discretiseDevice.ts). A is multiplied by
 * its HiPPO sparsity mask, so a learned A keeps that pattern and its gradient is the dense
 * gradient masked (spec "Node interface").
 */
export function discreteSystem(w: LsslWeights, p: LsslParams): Discrete {
  const N = p.stateSize;
  const mask = tf.tensor2d(hippoMask(p.measure, N), [N, N]);
  const A = tf.mul(w.A, mask);
  const logDt = tf.reshape(w.log_dt, [p.dModel * p.timescales]);
  return syncReadbackIsCheap()
    ? discretiseHost(A, w.B, logDt, p.gbtAlpha)
    : discretiseDevice(A, w.B, logDt, p.gbtAlpha, p.measure === 'legs');
}

/** Which convolution `convImpl` means for length L. */
export function chooseConv(p: Pick<LsslParams, 'convImpl'>, L: number): 'direct' | 'fft' {
  if (p.convImpl !== 'auto') return p.convImpl;
  return L <= AUTO_DIRECT_MAX_LENGTH ? 'direct' : 'fft';
}

/** Exact GELU ½v(1 + erf(v/√2)). */
function gelu(v: Tensor): Tensor {
  return tf.mul(tf.mul(v, 0.5), tf.add(tf.erf(tf.mul(v, Math.SQRT1_2)), 1));
}

/** Output of {@link lsslForward}. */
export interface LsslOutput {
  /** [B, L, dOut]. */
  readonly y: Tensor;
  /** Final SSM state [H·S, B, N]; only in `recurrent` mode. */
  readonly state?: Tensor;
}

/**
 * Full forward u [B, L, H] -> y [B, L, dOut] in the form `p.mode` / `p.convImpl` select.
 * @param state0 - initial state [H·S, B, N] for the recurrent mode (streaming).
 */
export function lsslForward(u: Tensor, w: LsslWeights, p: LsslParams, state0?: Tensor): LsslOutput {
  const [Bsz, L, H] = u.shape as [number, number, number];
  const { timescales: S, channels: M, stateSize: N } = p;
  const { Abar, Bbar } = discreteSystem(w, p);
  const C = tf.reshape(w.C, [H * S, M, N]);
  let ySsm: Tensor; // [B, L, H, S·M]
  let state: Tensor | undefined;
  if (p.mode === 'recurrent' || state0) {
    const r = ssmRecurrence(u, Abar, Bbar, C, S, state0);
    ySsm = r.y;
    state = r.state;
  } else {
    const K = tf.reshape(ssmKernel(C, Abar, Bbar, L), [H, S * M, L]);
    ySsm = chooseConv(p, L) === 'direct' ? convDirect(u, K) : convFft(u, K);
  }
  const withD = tf.add(ySsm, tf.mul(tf.reshape(w.D, [H, S * M]), tf.expandDims(u, 3)));
  const z = p.activation === 'gelu' ? gelu(withD) : withD;
  const flat = tf.reshape(z, [Bsz * L, H * S * M]);
  const out = tf.add(tf.matMul(flat, w.W_out), w.b_out);
  const y = tf.reshape(out, [Bsz, L, w.W_out.shape[1]!]);
  return state ? { y, state } : { y };
}
