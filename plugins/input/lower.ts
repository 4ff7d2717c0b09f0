import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { NetwrightError } from '../../runtime/sdk/index.ts';
import { inputSpec } from './spec.ts';

/** Input forward: the identity; fails when nothing feeds it. */
export const inputLowering = defineLowering(inputSpec, {
  id: inputSpec.id,
  apply({ x }, { nodeId }) {
    if (!x) {
      throw new NetwrightError(
        'INPUT_UNFED',
        `input node "${nodeId}" has no data: connect a data node to its "x" input`,
        {
          node: nodeId,
          port: 'x',
        },
      );
    }
    // A clone, not the input itself: outputs and inputs are disposed separately.
    return { y: tf.clone(x) };
  },
});
