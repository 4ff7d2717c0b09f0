/**
 * Counts readbacks during a bench or a test: calls of `dataSync`, `data`, `arraySync`, `array`,
 * `bytes`, `bufferSync` and `buffer` on any tensor, by patching the Tensor prototype until
 * `dispose`. A read made inside another (`arraySync` calls `dataSync`) counts once. It also counts
 * what reaches the device: WebGPU buffer maps (`GPUBuffer.prototype.mapAsync`) and WebGL reads
 * of GPU memory (`readPixels`, `getBufferSubData` of WebGL2 contexts), where those exist (the
 * browser). `guardBackend` (runtime/exec/backendGuard.ts) counts synchronous backend reads
 * instead; this one counts what the code asked for.
 */
import { tf } from '../../runtime/exec/tf.ts';

const READ_METHODS = ['dataSync', 'data', 'arraySync', 'array', 'bytes', 'bufferSync', 'buffer'] as const;

/** What {@link countReadbacks} hands back. */
export interface ReadbackCounter {
  /** Reads since the counter started or was last reset. */
  count(): number;
  /** WebGPU buffer maps since the counter started or was last reset. */
  bufferMaps(): number;
  /** WebGL `readPixels` and `getBufferSubData` calls since then. */
  glReads(): number;
  reset(): void;
  /** Restores the Tensor prototype and the GPU prototypes. */
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
  const maps = { webgpu: 0, webgl: 0 };
  const restoreGpu = [
    patchPrototype('GPUBuffer', ['mapAsync'], () => maps.webgpu++),
    patchPrototype('WebGL2RenderingContext', ['readPixels', 'getBufferSubData'], () => maps.webgl++),
  ];
  return {
    count: () => reads,
    bufferMaps: () => maps.webgpu,
    glReads: () => maps.webgl,
    reset() {
      reads = 0;
      maps.webgpu = 0;
      maps.webgl = 0;
    },
    dispose() {
      for (const [name, original] of originals) proto[name] = original;
      for (const restore of restoreGpu) restore();
    },
  };
}

/** Calls `onCall` before each call of the named methods of a global class's prototype; returns the undo. */
function patchPrototype(className: string, methods: readonly string[], onCall: () => void): () => void {
  const cls = (globalThis as unknown as Record<string, { prototype: Record<string, Method> } | undefined>)[className];
  if (!cls) return () => undefined;
  const saved = methods.flatMap((m) => {
    const original = cls.prototype[m];
    if (typeof original !== 'function') return [];
    cls.prototype[m] = function (this: unknown, ...args: unknown[]): unknown {
      onCall();
      return original.apply(this, args);
    };
    return [[m, original] as const];
  });
  return () => {
    for (const [m, original] of saved) cls.prototype[m] = original;
  };
}
