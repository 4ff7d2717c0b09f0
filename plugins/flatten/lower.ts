import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { flattenSpec } from './spec.ts';

/** Flatten forward. */
export const flattenLowering = defineLowering(flattenSpec, {
  id: flattenSpec.id,
  apply: ({ x }) => ({ y: tf.reshape(x!, [x!.shape[0], -1]) }),
});
