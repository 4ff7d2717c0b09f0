import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { batchNormSpec } from './spec.ts';

/** Batch-norm forward; in training it also updates the running statistics in its state. */
export const batchNormLowering = defineLowering(batchNormSpec, {
  id: batchNormSpec.id,
  apply({ x }, { weights, state, params, training }) {
    const input = x!;
    const axes = input.shape.slice(0, -1).map((_, i) => i);
    const gamma = weights.gamma!;
    const beta = weights.beta!;
    if (!training) {
      const norm = tf.mul(tf.sub(input, state.movingMean!), tf.rsqrt(tf.add(state.movingVar!, params.eps)));
      return { y: tf.add(tf.mul(norm, gamma), beta) };
    }
    const { mean, variance } = tf.moments(input, axes);
    const n = input.size / input.shape[input.shape.length - 1]!;
    const m = params.momentum;
    // Assignments are not on the gradient tape: running statistics never receive gradients.
    const unbiased = tf.mul(variance, n > 1 ? n / (n - 1) : 1);
    state.movingMean!.assign(tf.add(tf.mul(state.movingMean!, m), tf.mul(mean, 1 - m)));
    state.movingVar!.assign(tf.add(tf.mul(state.movingVar!, m), tf.mul(unbiased, 1 - m)));
    const norm = tf.mul(tf.sub(input, mean), tf.rsqrt(tf.add(variance, params.eps)));
    return { y: tf.add(tf.mul(norm, gamma), beta) };
  },
});
