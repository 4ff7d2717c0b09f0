/**
 * What the worker needs to know about GPU backends without importing their types: the WebGPU
 * device (to hear when it is lost, and to lose it in tests) and buffer counts for memory checks.
 */

/** The part of `GPUDevice` used here. */
export interface GpuDeviceLike {
  readonly lost: Promise<{ readonly reason: string; readonly message: string }>;
  destroy(): void;
}

interface WebgpuBackendLike {
  readonly device?: GpuDeviceLike;
  readonly bufferManager?: { getNumUsedBuffers?(): number; getNumFreeBuffers?(): number; numBytesUsed?: number; numBytesAllocated?: number };
}

interface MemoryBackendLike {
  memory?(): { numBytesInGPU?: number; numBytesInGPUAllocated?: number; numBytesAllocatedInGPU?: number };
}

/** The WebGPU device of a tfjs backend, or undefined on other backends. */
export function deviceOf(backend: unknown): GpuDeviceLike | undefined {
  const d = (backend as WebgpuBackendLike | undefined)?.device;
  return d && typeof d.destroy === 'function' && d.lost instanceof Promise ? d : undefined;
}

/** GPU memory counters of a tfjs backend (empty on CPU backends). */
export function gpuMemoryDetails(backend: unknown): { numBytesInGPU?: number; details?: Record<string, number> } {
  const m = (backend as MemoryBackendLike | undefined)?.memory?.();
  const manager = (backend as WebgpuBackendLike | undefined)?.bufferManager;
  const details: Record<string, number> = {};
  if (manager?.getNumUsedBuffers) details.gpuBuffersUsed = manager.getNumUsedBuffers();
  if (manager?.getNumFreeBuffers) details.gpuBuffersFree = manager.getNumFreeBuffers();
  const allocated = m?.numBytesAllocatedInGPU ?? m?.numBytesInGPUAllocated;
  if (allocated !== undefined) details.gpuBytesAllocated = allocated;
  return {
    ...(m?.numBytesInGPU !== undefined ? { numBytesInGPU: m.numBytesInGPU } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}

/** Backends that compile shaders on first use, where a warm-up step pays off. */
export function warmUpNeeded(backend: string): boolean {
  return backend === 'webgpu' || backend === 'webgl';
}
