import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { globalPoolSpec } from './spec.ts';

/** Global-pool forward. */
export const globalPoolLowering = defineLowering(globalPoolSpec, {
  id: globalPoolSpec.id,
  apply({ x }, { params }) {
    const axes = x!.shape.slice(1, -1).map((_, i) => i + 1);
    return { y: params.mode === 'mean' ? tf.mean(x!, axes) : tf.max(x!, axes) };
  },
});
