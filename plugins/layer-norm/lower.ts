import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { layerNormSpec } from './spec.ts';

/**
 * Layer-norm forward. The same numbers as `tf.moments`, whose x − μ is reused instead of taken
 * twice (and without its cast and reshape of float32 tensors): fewer kernels, forward and
 * backward (docs/adr/0006).
 */
export const layerNormLowering = defineLowering(layerNormSpec, {
  id: layerNormSpec.id,
  apply({ x }, { weights, params }) {
    const centred = tf.sub(x!, tf.mean(x!, -1, true));
    const variance = tf.mean(tf.square(centred), -1, true);
    const norm = tf.mul(centred, tf.rsqrt(tf.add(variance, params.eps)));
    return { y: tf.add(tf.mul(norm, weights.gamma!), weights.beta!) };
  },
});
