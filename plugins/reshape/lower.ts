import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { reshapeSpec } from './spec.ts';

/** Reshape forward. */
export const reshapeLowering = defineLowering(reshapeSpec, {
  id: reshapeSpec.id,
  apply: ({ x }, { params }) => ({ y: tf.reshape(x!, [x!.shape[0], ...params.shape]) }),
});
