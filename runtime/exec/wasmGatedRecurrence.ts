/**
 * The gated linear recurrence (`gatedRecurrence.ts`: S_t = diag(exp g_t)·S_{t−1} + k_tᵀv_t,
 * o_t = q_t·S_t, from a zero state) as one wasm-backend kernel forward and one backward, with
 * the backward registered as its gradient. Written as tfjs ops (Gated Linear Attention's
 * chunkwise form) the same product is ~80 small kernels forward and backward at the GLA
 * example's sizes, each paying tfjs's per-kernel cost and most of them elementwise passes over
 * an [n, C, C, dk] tensor; these loops read the inputs in place in the wasm heap (no
 * `readSync`). Registered for wasm only: elsewhere {@link fusedRecurrenceAvailable} is false and
 * callers keep their tfjs ops. See docs/adr/0010.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { GradConfig, KernelConfig, NamedTensorMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs';
import { recurrenceBackward, recurrenceForward, type RecurrenceDims } from './gatedRecurrence.ts';

/** The forward kernel's name (inputs q, k, v, g; output o). */
export const GATED_RECURRENCE = 'NetwrightGatedRecurrence';
/** The backward kernel's name (inputs q, k, v, g, dy; outputs dq, dk, dv, dg). */
export const GATED_RECURRENCE_GRAD = 'NetwrightGatedRecurrenceGrad';

type WasmArgs = { inputs: Record<string, TensorInfo>; backend: BackendWasm };

function dimsOf(q: TensorInfo, v: TensorInfo): RecurrenceDims {
  const [n, L, dk] = q.shape as [number, number, number];
  return { n, L, dk, dv: v.shape[2]! };
}

function forwardKernel({ inputs, backend }: WasmArgs): TensorInfo {
  const { q, k, v, g } = inputs as Record<'q' | 'k' | 'v' | 'g', TensorInfo>;
  const dims = dimsOf(q, v);
  const out = backend.makeOutput([dims.n, dims.L, dims.dv], 'float32');
  // Views taken after the output is allocated: allocating can grow (and move) the heap.
  const view = (t: TensorInfo): Float32Array => backend.typedArrayFromHeap(t) as Float32Array;
  recurrenceForward({ q: view(q), k: view(k), v: view(v), g: view(g) }, dims, view(out));
  return out;
}

function backwardKernel({ inputs, backend }: WasmArgs): TensorInfo[] {
  const { q, k, v, g, dy } = inputs as Record<'q' | 'k' | 'v' | 'g' | 'dy', TensorInfo>;
  const dims = dimsOf(q, v);
  const outs = [q, k, v, g].map((t) => backend.makeOutput([...t.shape], 'float32'));
  const view = (t: TensorInfo): Float32Array => backend.typedArrayFromHeap(t) as Float32Array;
  const [dq, dk, dv, dg] = outs.map(view) as [Float32Array, Float32Array, Float32Array, Float32Array];
  recurrenceBackward({ q: view(q), k: view(k), v: view(v), g: view(g) }, view(dy), dims, { dq, dk, dv, dg });
  return outs;
}

const gradient: GradConfig = {
  kernelName: GATED_RECURRENCE,
  inputsToSave: ['q', 'k', 'v', 'g'],
  gradFunc: (dy, saved) => {
    const [q, k, v, g] = saved as [Tensor, Tensor, Tensor, Tensor];
    // All four in one kernel, run once here rather than once per closure.
    const inputs = { q, k, v, g, dy: dy as Tensor } as unknown as NamedTensorMap;
    const [dq, dk, dv, dg] = tf.engine().runKernel<Tensor[]>(GATED_RECURRENCE_GRAD, inputs, {});
    return { q: () => dq!, k: () => dk!, v: () => dv!, g: () => dg! };
  },
};

let installed = false;

/** Registers the two kernels on wasm and the gradient (once; a no-op without wasm). */
export function installWasmGatedRecurrence(): void {
  if (installed || !tf.findBackendFactory('wasm')) return;
  installed = true;
  const kernels: KernelConfig[] = [
    { kernelName: GATED_RECURRENCE, backendName: 'wasm', kernelFunc: (args) => forwardKernel(args as unknown as WasmArgs) },
    { kernelName: GATED_RECURRENCE_GRAD, backendName: 'wasm', kernelFunc: (args) => backwardKernel(args as unknown as WasmArgs) },
  ];
  for (const k of kernels) tf.registerKernel(k);
  tf.registerGradient(gradient);
}

/**
 * Whether {@link gatedRecurrence} runs here: the active backend is wasm and the kernels are
 * registered. Callers keep their tfjs ops otherwise.
 */
export function fusedRecurrenceAvailable(): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(GATED_RECURRENCE, 'wasm') !== undefined;
}

/**
 * o [n, L, dv] of the gated linear recurrence from a zero state, for q, k, g [n, L, dk] and
 * v [n, L, dv] (float32), as one kernel with one kernel for its gradient. Only where
 * {@link fusedRecurrenceAvailable}.
 */
export function gatedRecurrence(q: Tensor, k: Tensor, v: Tensor, g: Tensor): Tensor {
  const named = { q, k, v, g };
  for (const [name, t] of Object.entries(named)) {
    if (t.dtype !== 'float32' || t.rank !== 3) throw new Error(`gatedRecurrence: input "${name}" must be a float32 tensor of rank 3, got ${t.dtype} [${t.shape.join(', ')}]`);
  }
  return tf.engine().runKernel<Tensor>(GATED_RECURRENCE, named, {});
}
