import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { conv2dTrainable } from '../_shared/conv.ts';
import { convPadding } from '../_shared/shapes.ts';
import { conv1dSpec } from './spec.ts';

/** Conv1d forward: a conv2d over [B, 1, L, C] so both share one trainable implementation. */
export const conv1dLowering = defineLowering(conv1dSpec, {
  id: conv1dSpec.id,
  apply({ x }, { weights, params }) {
    const [b, l, c] = x!.shape as [number, number, number];
    const kernel = tf.reshape<tfc.Rank.R4>(weights.kernel!, [1, params.kernelSize, c, params.filters]);
    const pads = convPadding(l, params.kernelSize, params.strides, params.dilation, params.padding);
    const y4 = conv2dTrainable(tf.reshape<tfc.Rank.R4>(x!, [b, 1, l, c]), kernel, {
      strides: [1, params.strides],
      dilations: [1, params.dilation],
      pads: [[0, 0], pads],
    });
    let y: tfc.Tensor = tf.squeeze(y4, [1]);
    if (weights.bias) y = tf.add(y, weights.bias);
    return { y };
  },
});
