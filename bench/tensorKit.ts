/** What the tensor bench scripts share: seeded random inputs and how a step is timed. */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../runtime/exec/tf.ts';
import { createRng } from '../runtime/lower/rng.ts';

/** A tensor of standard normals, the same for the same `seed`. */
export function randn(shape: number[], seed: number): Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
}

/**
 * One forward + backward: the gradients of ⟨f(...inputs), cot⟩ for every input, read back so
 * the work is done when it returns; frees every tensor it makes.
 */
export function forwardBackward(f: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], cot: Tensor): void {
  tf.tidy(() => {
    for (const g of tf.grads((...v: Tensor[]) => tf.sum(tf.mul(f(...v), cot)))([...inputs])) g.dataSync();
  });
}

/** {@link forwardBackward} of a layer for `x` and each of its weights named in `names`. */
export function forwardBackwardNamed<N extends string, W extends Record<N, Tensor>>(
  forward: (x: Tensor, weights: W) => Tensor,
  x: Tensor,
  weights: W,
  names: readonly N[],
  cot: Tensor,
): void {
  const named = (v: Tensor[]): W => Object.fromEntries(names.map((n, i) => [n, v[i]!])) as unknown as W;
  forwardBackward((x0, ...v) => forward(x0, named(v)), [x, ...names.map((n) => weights[n])], cot);
}

/** Median wall time of `reps` calls of `f`, in ms (warm it up first). */
export function medianMs(f: () => void, reps: number): number {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Peak tensor memory of one profiled call of `step`, which doubles as the warm-up, then the
 * median time of `reps` more calls.
 */
export async function profileAndTime(step: () => void, reps: number): Promise<{ ms: number; peakMiB: number }> {
  const before = tf.memory().numBytes;
  const prof = await tf.profile(step);
  const peakMiB = (prof.peakBytes - before) / 2 ** 20;
  return { ms: medianMs(step, reps), peakMiB };
}
