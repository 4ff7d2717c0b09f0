/**
 * The recurrent view of the SSM (spec §6): x_t = Abar·x_{t−1} + Bbar·u_t,
 * y_t = C·x_t + D·u_t, stepped over time. Depth L; the streaming/inference form.
 *
 * The scan has its own backward (the adjoint recurrence, {@link scanGradients}): autodiff of
 * the step loop kept an [H·S, N, N] gradient of Abar per step until the backward ended, which
 * ran out of memory at L = 4096. The custom backward keeps only the states ([H·S, B, N] per
 * step) and runs one reverse loop of a matmul and an add per step; the gradients of Abar,
 * Bbar and C are then single batched products over all steps.
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

/** The states x_0 … x_{L−1} ([K, B, L, N]) from x_{−1} = `x0`. */
function scanStates(uc: Tensor, Abar: Tensor, Bbar: Tensor, x0: Tensor): Tensor {
  const [K, B, L] = uc.shape as [number, number, number];
  const N = Abar.shape[1]!;
  const Bb = tf.reshape(Bbar, [K, 1, N]);
  // Transposed once: a transposeB matmul per step would redo it L times.
  const AbarT = tf.transpose(Abar, [0, 2, 1]);
  const us = tf.unstack(tf.reshape(tf.transpose(uc, [2, 0, 1]), [L, K, B, 1])); // each [K, B, 1]
  const xs: Tensor[] = [];
  let x = x0;
  for (let t = 0; t < L; t++) {
    x = tf.add(tf.matMul(x, AbarT), tf.mul(Bb, us[t]!)); // [K, B, N]
    xs.push(x);
  }
  return tf.stack(xs, 2);
}

/**
 * Gradients of the scan from the cotangents of y ([K, B, L, M]) and of the final state
 * ([K, B, N]). With g_t = ∂/∂x_t: g_{L−1} = dy_{L−1}·C + dstate, g_t = dy_t·C + g_{t+1}·Abar;
 * then dAbar = Σ_t g_tᵀ x_{t−1}, dC = Σ_t dy_tᵀ x_t, dBbar = Σ_t u_t g_t, du_t = g_t·Bbar,
 * dx0 = g_0·Abar (summed over the batch).
 */
function scanGradients(dY: Tensor, dState: Tensor, saved: readonly Tensor[]): Tensor[] {
  const [uc, Abar, Bbar, C, x0, X] = saved as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
  const [K, B, L, N] = X.shape as [number, number, number, number];
  const M = C.shape[1]!;
  const E = tf.unstack(tf.transpose(tf.reshape(tf.matMul(tf.reshape(dY, [K, B * L, M]), C), [K, B, L, N]), [2, 0, 1, 3]));
  const gs: Tensor[] = new Array<Tensor>(L);
  let g = tf.add(E[L - 1]!, dState);
  gs[L - 1] = g;
  for (let t = L - 2; t >= 0; t--) {
    g = tf.add(E[t]!, tf.matMul(g, Abar));
    gs[t] = g;
  }
  const G = tf.stack(gs, 2); // [K, B, L, N]
  const flat = (t: Tensor): Tensor => tf.reshape(t, [K, B * L, -1]);
  const Xprev = L > 1 ? tf.concat([tf.reshape(x0, [K, B, 1, N]), tf.slice(X, [0, 0, 0, 0], [K, B, L - 1, N])], 2) : tf.reshape(x0, [K, B, 1, N]);
  const dAbar = tf.matMul(flat(G), flat(Xprev), true, false); // Σ g_tᵀ x_{t−1}: [K, N, N]
  const dC = tf.matMul(flat(dY), flat(X), true, false); // [K, M, N]
  const dBbar = tf.sum(tf.mul(G, tf.reshape(uc, [K, B, L, 1])), [1, 2]); // [K, N]
  const duc = tf.sum(tf.mul(G, tf.reshape(Bbar, [K, 1, 1, N])), 3); // [K, B, L]
  const dx0 = tf.matMul(gs[0]!, Abar); // [K, B, N]
  return [duc, dAbar, dBbar, dC, dx0];
}

/**
 * The scan as one differentiable op: inputs uc [K, B, L], Abar [K, N, N], Bbar [K, N],
 * C [K, M, N], x0 [K, B, N]; output [K, B, L·M + N]: C·x_t for every step, then the final state.
 */
const scan = tf.customGrad((...args) => {
  const [uc, Abar, Bbar, C, x0, save] = args as [Tensor, Tensor, Tensor, Tensor, Tensor, (ts: Tensor[]) => void];
  const [K, B, L] = uc.shape as [number, number, number];
  const [, M, N] = C.shape as [number, number, number];
  const X = scanStates(uc, Abar, Bbar, x0);
  const Y = tf.matMul(tf.reshape(X, [K, B * L, N]), C, false, true); // [K, B·L, M]
  const last = tf.reshape(tf.slice(X, [0, 0, L - 1, 0], [K, B, 1, N]), [K, B, N]);
  save([uc, Abar, Bbar, C, x0, X]);
  return {
    value: tf.concat([tf.reshape(Y, [K, B, L * M]), last], 2),
    gradFunc: (dy: Tensor, saved: Tensor[]) => {
      const dY = tf.reshape(tf.slice(dy, [0, 0, 0], [K, B, L * M]), [K, B, L, M]);
      const dState = tf.slice(dy, [0, 0, L * M], [K, B, N]);
      return scanGradients(dY, dState, saved);
    },
  };
});

/**
 * Runs the recurrence for every copy.
 * @param u - input [B, L, H]; @param Abar - [H·S, N, N]; @param Bbar - [H·S, N];
 * @param C - [H·S, M, N]; @param x0 - initial state [H·S, B, N] (zeros when absent).
 */
export function ssmRecurrence(u: Tensor, Abar: Tensor, Bbar: Tensor, C: Tensor, S: number, x0?: Tensor): RecurrenceResult {
  const [B, L, H] = u.shape as [number, number, number];
  const [K, N] = Abar.shape as [number, number, number];
  const M = C.shape[1]!;
  const start = x0 ?? tf.zeros([K, B, N]);
  if (L === 0) return { y: tf.zeros([B, 0, H, S * M]), state: start };
  // Input of copy (h, s) at time t: [K, B, L].
  const uc = tf.reshape(tf.tile(tf.expandDims(tf.transpose(u, [2, 0, 1]), 1), [1, S, 1, 1]), [K, B, L]);
  const packed = scan(uc, Abar, Bbar, C, start);
  const y = tf.reshape(tf.slice(packed, [0, 0, 0], [K, B, L * M]), [K, B, L, M]);
  const state = tf.slice(packed, [0, 0, L * M], [K, B, N]);
  const out = tf.reshape(tf.transpose(tf.reshape(y, [H, S, B, L, M]), [2, 3, 0, 1, 4]), [B, L, H, S * M]);
  return { y: out, state };
}
