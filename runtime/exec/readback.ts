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

/** Backends on which every readback is a GPU round trip. */
const GPU_BACKENDS: ReadonlySet<string> = new Set(['webgpu', 'webgl']);

/**
 * Whether the active backend may be read synchronously (`dataSync`, `arraySync`) on a training
 * or inference path: only cpu and wasm, whose tensors live in host memory. On webgpu and
 * webgl a synchronous read stalls the pipeline and, on software WebGPU in a worker, loses the
 * device; code with a host fast path must keep a device path for them.
 */
export function syncReadbackIsCheap(): boolean {
  return !GPU_BACKENDS.has(tf.getBackend());
}
