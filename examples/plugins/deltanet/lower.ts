import { defineLowering } from '../../../runtime/exec/sdk.ts';
import { tf } from '../../../runtime/exec/tf.ts';

type Tensor = tf.Tensor;
import { deltanetSpec } from './spec.ts';

/** Added under the square root of the L2 norm, so an all-zero key or query stays zero. */
export const NORM_EPS = 1e-6;

function l2Normalise(t: Tensor): Tensor {
  return tf.div(t, tf.sqrt(tf.add(tf.sum(tf.square(t), -1, true), NORM_EPS)));
}

/** [B, T, H, n] -> T tensors of [B·H, n]: one slice per time step, heads folded into the batch. */
function perStep(t: Tensor, batch: number, time: number, heads: number, n: number): Tensor[] {
  return tf.unstack(tf.reshape(tf.transpose(t, [1, 0, 2, 3]), [time, batch * heads, n]));
}

/**
 * The recurrent form, one step at a time: S ← S + β (v − S k) kᵀ (which equals
 * S (I − β k kᵀ) + β v kᵀ), then o = S q. Gradients are tfjs autodiff through the loop.
 */
export const deltanetLowering = defineLowering(deltanetSpec, {
  id: deltanetSpec.id,
  apply({ x }, { weights, params }) {
    const input = x!;
    const [batch, time, d] = input.shape as [number, number, number];
    const { heads, headDim: n, units } = params;
    const flat = tf.reshape(input, [batch * time, d]);
    const project = (w: Tensor): Tensor => tf.reshape(tf.matMul(flat, w), [batch, time, heads, n]);
    const q = perStep(l2Normalise(project(weights.wq!)), batch, time, heads, n);
    const k = perStep(l2Normalise(project(weights.wk!)), batch, time, heads, n);
    const v = perStep(project(weights.wv!), batch, time, heads, n);
    let beta = tf.sigmoid(tf.add(tf.matMul(flat, weights.wBeta!), weights.bBeta!));
    if (params.negativeEigenvalues) beta = tf.mul(beta, 2);
    const b = perStep(tf.reshape(beta, [batch, time, heads, 1]), batch, time, heads, 1);
    let state: Tensor = tf.zeros([batch * heads, n, n]); // [value, key] per head
    const outs: Tensor[] = [];
    for (let t = 0; t < time; t++) {
      const kt = k[t]!;
      const recalled = tf.squeeze(tf.matMul(state, tf.expandDims(kt, 2)), [2]);
      const delta = tf.mul(b[t]!, tf.sub(v[t]!, recalled));
      state = tf.add(state, tf.matMul(tf.expandDims(delta, 2), tf.expandDims(kt, 1)));
      outs.push(tf.squeeze(tf.matMul(state, tf.expandDims(q[t]!, 2)), [2]));
    }
    // [T, B·H, n] -> [B, T, H·n], heads side by side, then the output projection.
    const o = tf.transpose(tf.reshape(tf.stack(outs), [time, batch, heads * n]), [1, 0, 2]);
    const y = tf.matMul(tf.reshape(o, [batch * time, heads * n]), weights.wo!);
    return { y: tf.reshape(y, [batch, time, units]) };
  },
});
