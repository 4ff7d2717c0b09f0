/**
 * Reading numbers back from the backend. On webgpu and webgl every readback is a GPU round
 * trip, and a synchronous one (`dataSync`) in a worker can stall or, on software WebGPU, lose
 * the device: so values are read asynchronously and together.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from './tf.ts';

/** Reads the first element of each tensor with one asynchronous readback, as float32 values. */
export async function readScalars(scalars: readonly tfc.Tensor[]): Promise<number[]> {
  if (scalars.length === 0) return [];
  const packed = tf.tidy(() => tf.concat(scalars.map((t) => tf.cast(tf.reshape(t, [-1]).slice(0, 1), 'float32'))));
  try {
    return Array.from(await packed.data());
  } finally {
    packed.dispose();
  }
}
