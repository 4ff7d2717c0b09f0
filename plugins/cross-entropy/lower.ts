import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { crossEntropySpec } from './spec.ts';

/** Mean of `values` weighted by `mask` (all ones when absent); 0 when the mask is all zeros. */
export function maskedMean(values: tfc.Tensor, mask: tfc.Tensor | undefined): tfc.Scalar {
  if (!mask) return tf.mean(values);
  const m = mask.dtype === 'float32' ? mask : tf.cast(mask, 'float32');
  return tf.div(tf.sum(tf.mul(values, m)), tf.maximum(tf.sum(m), 1e-12));
}

/** `t` as int32, without a Cast kernel (a copy on wasm) when it already is. */
export function asInt32(t: tfc.Tensor): tfc.Tensor {
  return t.dtype === 'int32' ? t : tf.cast(t, 'int32');
}

/** Cross-entropy forward via log-softmax (stable for large logits). */
export const crossEntropyLowering = defineLowering(crossEntropySpec, {
  id: crossEntropySpec.id,
  apply({ pred, target, mask }, { params }) {
    const logits = pred!;
    const k = logits.shape[logits.shape.length - 1]!;
    const logp = tf.logSoftmax(logits);
    let onehot: tfc.Tensor = tf.oneHot(asInt32(target!), k);
    if (params.labelSmoothing > 0)
      onehot = tf.add(tf.mul(onehot, 1 - params.labelSmoothing), params.labelSmoothing / k);
    const nll = tf.neg(tf.sum(tf.mul(onehot, logp), -1));
    return { loss: maskedMean(nll, mask) };
  },
});
