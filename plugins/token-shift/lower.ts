import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { tokenShiftSpec } from './spec.ts';

/** Token-shift forward: pad one zero step at the front, drop the last step, project, add. */
export const tokenShiftLowering = defineLowering(tokenShiftSpec, {
  id: tokenShiftSpec.id,
  apply({ x }, { weights }) {
    const [b, l, d] = x!.shape as [number, number, number];
    const prev = tf.slice(
      tf.pad(x!, [
        [0, 0],
        [1, 0],
        [0, 0],
      ]),
      [0, 0, 0],
      [b, l, d],
    );
    const mixed = tf.reshape(tf.matMul(tf.reshape(prev, [b * l, d]), weights.kernel!), [b, l, d]);
    return { y: tf.add(x!, tf.add(mixed, weights.bias!)) };
  },
});
