import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { CONCAT_PORTS, concatSpec } from './spec.ts';

/** Concat forward. */
export const concatLowering = defineLowering(concatSpec, {
  id: concatSpec.id,
  apply(inputs, { params }) {
    const parts = CONCAT_PORTS.map((p) => inputs[p]).filter((t): t is tfc.Tensor => t !== undefined);
    return { y: tf.concat(parts, params.axis) };
  },
});
