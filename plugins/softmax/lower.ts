import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { softmaxSpec } from './spec.ts';

/** Softmax forward. */
export const softmaxLowering = defineLowering(softmaxSpec, {
  id: softmaxSpec.id,
  apply: ({ x }) => ({ y: tf.softmax(x!, -1) }),
});
