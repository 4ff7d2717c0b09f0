/**
 * Watches the active tfjs backend for the two failures GPU backends do not throw: synchronous
 * readbacks (`dataSync`, `arraySync`: a pipeline stall on webgpu and webgl, a lost device on
 * software WebGPU in a worker) and WebGPU errors that only reach the device's
 * `uncapturederror` event (an invalid pipeline runs nothing and leaves its output buffer as it
 * was: silently wrong numbers).
 */
import { tf } from './tf.ts';

/** What {@link guardBackend} hands back. */
export interface BackendGuard {
  /** Synchronous readbacks of device data since the guard started or was last reset. */
  syncReads(): number;
  /** Uncaptured WebGPU errors since then, as messages. */
  errors(): string[];
  /** Starts counting again. */
  reset(): void;
  /** Stops watching and restores the backend. */
  dispose(): void;
}

interface ReadingBackend {
  readSync(dataId: object): unknown;
  /** WebGPU's records (`values` is set while the data is still on the host). */
  readonly tensorMap?: { get(dataId: object): { values?: unknown } | undefined };
  /** WebGL's records, likewise. */
  readonly texData?: { get(dataId: object): { values?: unknown } | undefined };
}

/**
 * Whether reading `dataId` synchronously goes to the device. Small tensors made from host data
 * stay on the host until a GPU kernel needs them, and tfjs's GPU backends run some kernels on
 * them on the CPU (a read of host memory, not a round trip).
 */
function readsDevice(backend: ReadingBackend, dataId: object): boolean {
  const record = backend.tensorMap?.get(dataId) ?? backend.texData?.get(dataId);
  return record === undefined || record.values == null;
}

interface ErrorEventTarget {
  addEventListener(type: 'uncapturederror', listener: (e: { error?: { message?: string } }) => void): void;
  removeEventListener(type: 'uncapturederror', listener: (e: { error?: { message?: string } }) => void): void;
}

/** Starts watching the active backend (`tf.backend()` now). */
export function guardBackend(): BackendGuard {
  const backend = tf.backend() as unknown as ReadingBackend;
  const own = Object.getOwnPropertyDescriptor(backend, 'readSync');
  const original = backend.readSync.bind(backend);
  let reads = 0;
  let errors: string[] = [];
  backend.readSync = (dataId: object) => {
    if (readsDevice(backend, dataId)) reads++;
    return original(dataId);
  };
  const device = (tf.backend() as unknown as { device?: Partial<ErrorEventTarget> }).device;
  const onError = (e: { error?: { message?: string } }): void => {
    errors.push(e.error?.message ?? 'unknown WebGPU error');
  };
  if (typeof device?.addEventListener === 'function') device.addEventListener('uncapturederror', onError);
  return {
    syncReads: () => reads,
    errors: () => [...errors],
    reset() {
      reads = 0;
      errors = [];
    },
    dispose() {
      if (own) Object.defineProperty(backend, 'readSync', own);
      else delete (backend as Partial<ReadingBackend>).readSync;
      if (typeof device?.removeEventListener === 'function') device.removeEventListener('uncapturederror', onError);
    },
  };
}
