/**
 * Counts readbacks during a bench: calls of `dataSync`, `data`, `arraySync`, `array`, `bytes`,
 * `bufferSync` and `buffer` on any tensor, by patching the Tensor prototype until `dispose`.
 * A read made inside another (`arraySync` calls `dataSync`) counts once. `guardBackend`
 * (runtime/exec/backendGuard.ts) counts at the backend instead (every `readSync`, which on wasm also
 * serves `data()` and reads kernels make internally); this one counts what the code asked for.
 */
import { tf } from '../runtime/exec/tf.ts';

const READ_METHODS = ['dataSync', 'data', 'arraySync', 'array', 'bytes', 'bufferSync', 'buffer'] as const;

/** What {@link countReadbacks} hands back. */
export interface ReadbackCounter {
  /** Reads since the counter started or was last reset. */
  count(): number;
  reset(): void;
  /** Restores the Tensor prototype. */
  dispose(): void;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Starts counting tensor readbacks (see the module comment). */
export function countReadbacks(): ReadbackCounter {
  const proto = tf.Tensor.prototype as unknown as Record<string, Method>;
  const originals = new Map<string, Method>();
  let reads = 0;
  let depth = 0;
  for (const name of READ_METHODS) {
    const original = proto[name]!;
    originals.set(name, original);
    proto[name] = function (this: unknown, ...args: unknown[]): unknown {
      // Async reads call their inner read before their first await, so the depth covers them.
      if (depth === 0) reads++;
      depth++;
      try {
        return original.apply(this, args);
      } finally {
        depth--;
      }
    };
  }
  return {
    count: () => reads,
    reset() {
      reads = 0;
    },
    dispose() {
      for (const [name, original] of originals) proto[name] = original;
    },
  };
}
