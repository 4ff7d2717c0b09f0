import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { maskedMean } from '../cross-entropy/lower.ts';
import { accuracySpec } from './spec.ts';

/** Accuracy forward (ties go to the lowest class index, as argMax does). */
export const accuracyLowering = defineLowering(accuracySpec, {
  id: accuracySpec.id,
  apply({ pred, target, mask }) {
    const hit = tf.cast(tf.equal(tf.argMax(pred!, -1), tf.cast(target!, 'int32')), 'float32');
    return { value: maskedMean(hit, mask) };
  },
});
