import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { layerNormSpec } from './spec.ts';

/** Layer-norm forward. */
export const layerNormLowering = defineLowering(layerNormSpec, {
  id: layerNormSpec.id,
  apply({ x }, { weights, params }) {
    const { mean, variance } = tf.moments(x!, -1, true);
    const norm = tf.mul(tf.sub(x!, mean), tf.rsqrt(tf.add(variance, params.eps)));
    return { y: tf.add(tf.mul(norm, weights.gamma!), weights.beta!) };
  },
});
