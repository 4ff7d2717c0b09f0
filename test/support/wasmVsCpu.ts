/**
 * For the tests of the wasm kernel replacements (wasmMatMul.ts, wasmSlice.ts): run the same
 * computation on wasm and on the cpu backend, the reference, from seeded inputs. Test-only.
 */
import type { TensorContainer } from '@tensorflow/tfjs-core';
import { afterAll, beforeAll } from 'vitest';
import { createRng } from '../../runtime/lower/rng.ts';
import { tf } from '../../runtime/exec/tf.ts';

/** Makes wasm the backend of the calling test file, and leaves it active when the file is done. */
export function useWasmBackend(): void {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });
}

/** Seeded values for a tensor of `shape`: standard normal samples, each passed through `map`. */
export function seededValues(shape: readonly number[], seed: number, map: (normal: number) => number = (v) => v): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => map(rng.normal()));
}

/**
 * Runs `read` inside `tf.tidy` on wasm, then on cpu, and returns both results, wasm first.
 * `read` must return host values (read the tensors it makes); the backend is cpu afterwards.
 */
export async function onWasmAndCpu<T extends TensorContainer>(read: () => T): Promise<[T, T]> {
  const out: T[] = [];
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    out.push(tf.tidy(read));
  }
  return [out[0]!, out[1]!];
}
