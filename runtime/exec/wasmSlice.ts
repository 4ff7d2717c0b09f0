/**
 * Slice, Unpack and SplitV for the wasm backend, reading their input in place. In
 * tfjs-backend-wasm 4.22 Slice first copies its *whole* input out of the wasm heap
 * (`readSync`), and Unpack (`tf.unstack`) and SplitV (`tf.split`) slice once per piece, so
 * taking the L time steps of a sequence copies L whole sequences: O(L²). Measured here
 * (2-core machine): 2,048 slices of a [2048, 2048] tensor took 22 s; with these kernels they
 * are proportional to what they return. Every step loop (the GLA and LSSL recurrences,
 * chunked forms, DeltaNet) slices this way, forward and backward.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs';

type WasmArgs = { inputs: Record<string, TensorInfo>; backend: BackendWasm; attrs: NamedAttrMap };

/** Copies `size` elements of `x` starting at `begin` into a new output, without copying `x`. */
function sliceInPlace(backend: BackendWasm, x: TensorInfo, begin: readonly number[], size: readonly number[]): TensorInfo {
  const out = backend.makeOutput([...size], x.dtype);
  // Views taken after the output is allocated: allocating can grow (and move) the heap.
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const total = dst.length;
  if (total === 0) return out;
  const strides = tf.util.computeStrides(x.shape);
  const rank = x.shape.length;
  if (tf.slice_util.isSliceContinous(x.shape, begin as number[], size as number[])) {
    const offset = tf.slice_util.computeFlatOffset(begin as number[], strides);
    dst.set(src.subarray(offset, offset + total));
    return out;
  }
  // Rows of the last axis, over every index of the leading axes (an odometer).
  const row = size[rank - 1]!;
  const index = new Array<number>(rank - 1).fill(0);
  for (let written = 0; written < total; written += row) {
    let offset = begin[rank - 1]!;
    for (let d = 0; d < rank - 1; d++) offset += (begin[d]! + index[d]!) * strides[d]!;
    dst.set(src.subarray(offset, offset + row), written);
    for (let d = rank - 2; d >= 0; d--) {
      if (++index[d]! < size[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}

function slice({ inputs, backend, attrs }: WasmArgs, original: KernelConfig['kernelFunc']): TensorInfo | TensorInfo[] {
  const x = inputs.x!;
  if (x.dtype === 'string') return original({ inputs, backend, attrs });
  const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin as number[], attrs.size as number[]);
  return sliceInPlace(backend, x, begin!, size!);
}

function unpack({ inputs, backend, attrs }: WasmArgs, original: KernelConfig['kernelFunc']): TensorInfo | TensorInfo[] {
  const value = inputs.value!;
  if (value.dtype === 'string') return original({ inputs, backend, attrs });
  const rank = value.shape.length;
  const axis = (attrs.axis as number) < 0 ? (attrs.axis as number) + rank : (attrs.axis as number);
  const outShape = value.shape.filter((_, i) => i !== axis);
  const begin = new Array<number>(rank).fill(0);
  const size = [...value.shape];
  size[axis] = 1;
  return Array.from({ length: value.shape[axis]! }, (_, i) => {
    begin[axis] = i;
    const { dataId, dtype } = sliceInPlace(backend, value, begin, size);
    return { dataId, dtype, shape: outShape };
  });
}

function splitV({ inputs, backend, attrs }: WasmArgs, original: KernelConfig['kernelFunc']): TensorInfo | TensorInfo[] {
  const x = inputs.x!;
  if (x.dtype === 'string') return original({ inputs, backend, attrs });
  const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0]!;
  const sizes = tf.backend_util.prepareSplitSize(x, attrs.numOrSizeSplits as number[] | number, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = [...x.shape];
    size[axis] = s;
    const piece = sliceInPlace(backend, x, begin, size);
    begin[axis]! += s;
    return piece;
  });
}

const REPLACEMENTS = { Slice: slice, Unpack: unpack, SplitV: splitV } as const;
let installed = false;

/** Replaces the wasm backend's Slice, Unpack and SplitV kernels (once; a no-op without wasm). */
export function installWasmSliceKernels(): void {
  if (installed) return;
  installed = true;
  for (const [name, replacement] of Object.entries(REPLACEMENTS)) {
    const original = tf.getKernel(name, 'wasm');
    if (!original) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({
      ...original,
      kernelFunc: (args) => replacement(args as unknown as WasmArgs, original.kernelFunc),
    });
  }
}
