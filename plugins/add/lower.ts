import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { addSpec } from './spec.ts';

/** Add forward. */
export const addLowering = defineLowering(addSpec, {
  id: addSpec.id,
  apply: ({ a, b }) => ({ y: tf.add(a!, b!) }),
});
