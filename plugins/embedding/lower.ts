import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { embeddingSpec } from './spec.ts';

/**
 * Row lookup with a gradient every backend can run: TF.js differentiates `gather` through
 * `UnsortedSegmentSum`, which the wasm backend lacks; there the table gradient is
 * onehot(ids)ᵀ · dy instead (same numbers).
 */
export function lookupRows(table: tfc.Tensor2D, ids: tfc.Tensor1D): tfc.Tensor2D {
  if (tf.getKernel('UnsortedSegmentSum', tf.getBackend()) !== undefined) return tf.gather(table, ids);
  const vocab = table.shape[0];
  const f = tf.customGrad((...args: (tfc.Tensor | tfc.GradSaveFunc)[]) => {
    // Saved, not closed over: the caller's tidy disposes `ids` before the backward runs.
    (args[1] as tfc.GradSaveFunc)([ids]);
    return {
      value: tf.gather(args[0] as tfc.Tensor2D, ids),
      gradFunc: (dy: tfc.Tensor2D, saved: tfc.Tensor[]) =>
        tf.matMul(tf.oneHot(saved[0] as tfc.Tensor1D, vocab), dy, true, false),
    };
  });
  return f(table);
}

/** Embedding forward. */
export const embeddingLowering = defineLowering(embeddingSpec, {
  id: embeddingSpec.id,
  apply({ x }, { weights, params }) {
    const ids = tf.clipByValue<tfc.Tensor1D>(tf.reshape(x!, [-1]), 0, params.vocabSize - 1);
    const rows = lookupRows(weights.table as tfc.Tensor2D, tf.cast(ids, 'int32'));
    return { y: tf.reshape(rows, [...x!.shape, params.dim]) };
  },
});
