import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { asInt32, maskedMean } from '../cross-entropy/lower.ts';
import { accuracySpec } from './spec.ts';

/** Accuracy forward (ties go to the lowest class index, as argMax does). */
export const accuracyLowering = defineLowering(accuracySpec, {
  id: accuracySpec.id,
  apply({ pred, target, mask }) {
    const hit = tf.cast(tf.equal(tf.argMax(pred!, -1), asInt32(target!)), 'float32');
    return { value: maskedMean(hit, mask) };
  },
});
