import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { pool2dSpec } from './spec.ts';

/** Pool2d forward (TF.js pooling ops; their gradients exist on every backend). */
export const pool2dLowering = defineLowering(pool2dSpec, {
  id: pool2dSpec.id,
  apply({ x }, { params }) {
    const size = params.poolSize as [number, number];
    const strides = params.strides as [number, number];
    const x4 = x as tfc.Tensor4D;
    return {
      y:
        params.mode === 'max'
          ? tf.maxPool(x4, size, strides, params.padding)
          : tf.avgPool(x4, size, strides, params.padding),
    };
  },
});
