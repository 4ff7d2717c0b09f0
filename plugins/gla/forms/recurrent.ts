/**
 * The recurrent form of the GLA core (spec §5.1), the definition and the test oracle:
 * S_t = diag(α_t)·S_{t−1} + k_tᵀv_t, o_t = q_t·S_t. Depth L; stable in any precision.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../../runtime/exec/tf.ts';
import type { CoreInputs } from '../projections.ts';
import type { CoreResult } from './types.ts';

/** One step on [B·H, 1, ·] slices: returns o_t [B·H, 1, dv] and S_t [B·H, dk, dv]. */
export function recurrentStep(S: Tensor, q: Tensor, k: Tensor, v: Tensor, g: Tensor): { o: Tensor; S: Tensor } {
  // g_t as a column: row i of S is scaled by α_t[i].
  const decay = tf.exp(tf.transpose(g, [0, 2, 1]));
  const next = tf.add(tf.mul(decay, S), tf.matMul(k, v, true, false));
  return { o: tf.matMul(q, next), S: next };
}

/**
 * Runs the recurrence over the whole sequence.
 * @param S0 - initial state [B·H, dk, dv]; zeros when absent.
 */
export function glaRecurrent(inp: CoreInputs, S0?: Tensor): CoreResult {
  const [bh, L, dk] = inp.q.shape as [number, number, number];
  const dv = inp.v.shape[2]!;
  let S = S0 ?? tf.zeros([bh, dk, dv]);
  if (L === 0) return { o: tf.zeros([bh, 0, dv]), state: S };
  // tfjs 4.22: the gradients of split/unstack break when there is a single piece (their
  // kernel then returns one tensor, not a list), so L = 1 uses the tensor itself.
  const steps = (t: Tensor): Tensor[] => (L === 1 ? [t] : tf.unstack(t, 1).map((s) => tf.expandDims(s, 1)));
  const qs = steps(inp.q);
  const ks = steps(inp.k);
  const vs = steps(inp.v);
  const gs = steps(inp.g);
  const outs: Tensor[] = [];
  for (let t = 0; t < L; t++) {
    const r = recurrentStep(S, qs[t]!, ks[t]!, vs[t]!, gs[t]!);
    outs.push(r.o);
    S = r.S;
  }
  return { o: tf.concat(outs, 1), state: S };
}
