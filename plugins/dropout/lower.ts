import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { dropoutSpec } from './spec.ts';

/**
 * Dropout forward. The mask comes from TF.js's seeded uniform generator (JavaScript, so the
 * same on every backend), seeded from the node's per-step RNG.
 */
export const dropoutLowering = defineLowering(dropoutSpec, {
  id: dropoutSpec.id,
  apply({ x }, { params, training, rng }) {
    // A clone, not the input itself: outputs and inputs are disposed separately.
    if (!training || params.rate === 0) return { y: tf.clone(x!) };
    const u = tf.randomUniform(x!.shape, 0, 1, 'float32', rng.int(2 ** 31 - 1));
    const keep = tf.cast(tf.greaterEqual(u, params.rate), 'float32');
    return { y: tf.mul(x!, tf.mul(keep, 1 / (1 - params.rate))) };
  },
});
