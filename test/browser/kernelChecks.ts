/**
 * Op-level checks of the GPU kernel fixes (runtime/exec/gpuKernels.ts): each case runs on the
 * backend under test and on cpu in the same context, forward and, where it matters, backward,
 * and the largest difference is reported with any WebGPU error. Shapes are run one after the
 * other in one context, so a shader cached for an earlier shape is reused as it would be in a
 * training run.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { guardBackend } from '../../runtime/exec/backendGuard.ts';
import { selectBackend } from '../../runtime/exec/backends.ts';
import { tf } from '../../runtime/exec/tf.ts';
import type { KernelCheck, SuiteBackend } from '../backends/types.ts';
import { errorMessage } from '../../runtime/sdk/errors.ts';

function ramp(shape: number[], offset = 0): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + offset) * 3), shape);
}

/** The cases: a name and a function of the active backend that returns tensors to compare. */
const CASES: readonly (readonly [string, () => Tensor[]])[] = [
  ...[
    [[2, 3, 4, 5, 3], [[0, 0], [1, 2], [0, 0], [0, 3], [1, 0]]],
    [[2, 3, 2, 2, 3, 2], [[1, 0], [0, 0], [0, 2], [0, 0], [0, 0], [2, 1]]],
    [[3, 2, 4, 2, 2], [[0, 0], [0, 0], [0, 0], [0, 0], [0, 0]]],
  ].map(([shape, pads]) => [`pad rank ${(shape as number[]).length} ${JSON.stringify(pads)}`, () => [tf.pad(ramp(shape as number[]), pads as [number, number][], 0.5)]] as const),
  ['slice gradient, rank 5 (a pad)', () => [tf.grad((x: Tensor) => tf.sum(tf.mul(tf.slice(x, [0, 1, 0, 2, 0], [2, 2, 3, 2, 2]), 3)))(ramp([2, 4, 3, 5, 2]))]],
  ...[4, 9, 20, 37].flatMap((n) => [
    [`cumsum reverse, length ${n}`, () => [tf.cumsum(ramp([2, n]), 1, false, true)]] as const,
    [`cumsum reverse exclusive, length ${n}, axis 0`, () => [tf.cumsum(ramp([n, 3]), 0, true, true)]] as const,
    [`cumprod reverse, length ${n}`, () => [tf.cumprod(tf.add(tf.mul(ramp([2, n]), 0.01), 1), 1, false, true)]] as const,
    [`cumsum gradient, length ${n}`, () => [tf.grad((x: Tensor) => tf.sum(tf.mul(tf.cumsum(x, 1), ramp([3, n], 1))))(ramp([3, n]))]] as const,
  ]),
  ...[2, 7, 8, 9, 20, 43].map((k) => [`addN of ${k}`, () => [tf.addN(Array.from({ length: k }, (_, i) => ramp([3, 5], i)))]] as const),
  ['gradient of a tensor used 20 times (AddN)', () => [tf.grad((x: Tensor) => tf.addN(Array.from({ length: 20 }, (_, i) => tf.sum(tf.mul(x, i + 1)))))(ramp([4, 3]))]],
];

async function runCase(f: () => Tensor[]): Promise<Float32Array[]> {
  const outs = tf.tidy(f);
  try {
    return await Promise.all(outs.map(async (t) => Float32Array.from(await t.data())));
  } finally {
    tf.dispose(outs);
  }
}

/** Runs every case on `backend` and on cpu; returns one check per case. */
export async function checkKernelsOn(backend: SuiteBackend): Promise<KernelCheck[]> {
  await selectBackend('cpu');
  const expected = await Promise.all(CASES.map(([, f]) => runCase(f)));
  const choice = await selectBackend(backend);
  if (choice.name !== backend) throw new Error(`backend ${backend} did not start: ${choice.reason}`);
  const guard = guardBackend();
  const checks: KernelCheck[] = [];
  try {
    for (const [i, [name, f]] of CASES.entries()) {
      guard.reset();
      let got: Float32Array[];
      try {
        got = await runCase(f);
      } catch (e) {
        checks.push({ name, maxAbsError: Infinity, gpuErrors: [], error: errorMessage(e) });
        continue;
      }
      await tf.nextFrame();
      let maxAbsError = 0;
      got.forEach((g, j) => { g.forEach((v, k) => (maxAbsError = Math.max(maxAbsError, Number.isFinite(v) ? Math.abs(v - expected[i]![j]![k]!) : Infinity))); });
      checks.push({ name, maxAbsError, gpuErrors: guard.errors() });
    }
  } finally {
    guard.dispose();
  }
  return checks;
}
