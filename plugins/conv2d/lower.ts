import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { applyActivation } from '../_shared/activations.ts';
import { conv2dTrainable } from '../_shared/conv.ts';
import { convPadding } from '../_shared/shapes.ts';
import { conv2dSpec } from './spec.ts';

/** Conv2d forward (native or im2col, whichever the backend can train). */
export const conv2dLowering = defineLowering(conv2dSpec, {
  id: conv2dSpec.id,
  apply({ x }, { weights, params }) {
    const [, h, w] = x!.shape as [number, number, number, number];
    const [kh, kw] = params.kernelSize as [number, number];
    const [sh, sw] = params.strides as [number, number];
    let y: tfc.Tensor = conv2dTrainable(x as tfc.Tensor4D, weights.kernel as tfc.Tensor4D, {
      strides: [sh, sw],
      dilations: [1, 1],
      pads: [convPadding(h, kh, sh, 1, params.padding), convPadding(w, kw, sw, 1, params.padding)],
    });
    if (weights.bias) y = tf.add(y, weights.bias);
    return { y: applyActivation(y, params.activation) };
  },
});
