import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { applyActivation } from '../_shared/activations.ts';
import { denseSpec } from './spec.ts';

/** Dense forward: leading axes are folded into one matmul, then restored. */
export const denseLowering = defineLowering(denseSpec, {
  id: denseSpec.id,
  apply({ x }, { weights, params }) {
    const kernel = weights.kernel!;
    const input = x!;
    const inDim = kernel.shape[0];
    const lead = input.shape.slice(0, -1);
    let y = tf.matMul(input.rank === 2 ? input : tf.reshape(input, [-1, inDim]), kernel);
    if (weights.bias) y = tf.add(y, weights.bias);
    if (input.rank !== 2) y = tf.reshape(y, [...lead, params.units]);
    return { y: applyActivation(y, params.activation) };
  },
});
