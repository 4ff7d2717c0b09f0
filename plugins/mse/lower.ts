import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { mseSpec } from './spec.ts';

/** MSE forward. */
export const mseLowering = defineLowering(mseSpec, {
  id: mseSpec.id,
  apply({ pred, target }) {
    return { loss: tf.mean(tf.squaredDifference(pred!, target!)) };
  },
});
