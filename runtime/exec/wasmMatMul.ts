/**
 * BatchMatMul and _FusedMatMul for the wasm backend without its slow transposed paths. In
 * tfjs-backend-wasm 4.22 a matMul with `transposeA` or `transposeB` runs 6–12× slower than
 * the same product on inputs transposed first (measured on the 2-core machine: [1024,64]·
 * [128,64]ᵀ 12.4 ms vs 1.9 ms; [1024,64]ᵀ·[1024,128] 17.4 ms vs 1.4 ms), and every dense
 * backward pass and attention score takes that path. These kernels transpose the flagged
 * operand with the wasm Transpose kernel (a copy proportional to its size) and call the stock
 * kernel without flags. The stock _FusedMatMul (bias, activation) with a flag set is also
 * wrong: 0.55 off the cpu backend on a [6,5]ᵀ·[6,4] product (wasmMatMul.test.ts), so it always
 * goes the transposing way. See docs/adr/0005.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs';

type WasmArgs = { inputs: Record<string, TensorInfo>; backend: BackendWasm; attrs: NamedAttrMap };

/** `x` with its last two axes swapped, as a new tensor of the backend. */
function swapLastAxes(x: TensorInfo, backend: BackendWasm): TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [rank - 1, rank - 2];
  const transpose = tf.getKernel('Transpose', 'wasm').kernelFunc;
  return transpose({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
}

/**
 * Matrices at most this large (rows × columns of one batch entry) keep the stock flags: the
 * slow path is the one for large matrices, and for many small ones (attention heads) a copy
 * costs more than it saves (measured in bench/matmul.bench.ts).
 */
const SMALL_MATRIX = 64 * 64;

function matrixSize(x: TensorInfo): number {
  const r = x.shape.length;
  return x.shape[r - 1]! * x.shape[r - 2]!;
}

/**
 * Runs `original` with both flags cleared, copying as little as possible: either the flagged
 * operands are transposed first, or (unfused only) the product is computed the other way round,
 * op(A)·op(B) = (op(B)ᵀ·op(A)ᵀ)ᵀ, transposing the unflagged operands and the output instead.
 */
function withoutTransposeFlags({ inputs, backend, attrs }: WasmArgs, original: KernelFunc): TensorInfo | TensorInfo[] {
  const transposeA = attrs.transposeA === true;
  const transposeB = attrs.transposeB === true;
  const a = inputs.a!;
  const b = inputs.b!;
  const fused = inputs.bias !== undefined || inputs.preluActivationWeights !== undefined;
  // The stock fused kernel gives wrong values with a flag set even when small (tested).
  const small = !fused && matrixSize(a) <= SMALL_MATRIX && matrixSize(b) <= SMALL_MATRIX;
  if ((!transposeA && !transposeB) || small || a.dtype !== 'float32' || b.dtype !== 'float32') return original({ inputs, backend, attrs });
  const plainAttrs = { ...attrs, transposeA: false, transposeB: false };
  const made: TensorInfo[] = [];
  const swapped = (x: TensorInfo): TensorInfo => {
    const t = swapLastAxes(x, backend);
    made.push(t);
    return t;
  };
  try {
    const outSize = a.shape[a.shape.length - (transposeA ? 1 : 2)]! * b.shape[b.shape.length - (transposeB ? 2 : 1)]!;
    const direct = (transposeA ? matrixSize(a) : 0) + (transposeB ? matrixSize(b) : 0);
    const reversed = (transposeA ? 0 : matrixSize(a)) + (transposeB ? 0 : matrixSize(b)) + outSize;
    if (fused || direct <= reversed) {
      return original({ inputs: { ...inputs, a: transposeA ? swapped(a) : a, b: transposeB ? swapped(b) : b }, backend, attrs: plainAttrs });
    }
    // op(B)ᵀ is B itself when B was flagged, else Bᵀ; likewise op(A)ᵀ.
    const product = original({ inputs: { a: transposeB ? b : swapped(b), b: transposeA ? a : swapped(a) }, backend, attrs: plainAttrs }) as TensorInfo;
    made.push(product);
    return swapLastAxes(product, backend);
  } finally {
    for (const t of made) backend.disposeData(t.dataId);
  }
}

const REPLACED = ['BatchMatMul', '_FusedMatMul'] as const;
let installed = false;
let stockBatchMatMul: KernelFunc | undefined;

/** The stock wasm BatchMatMul (with its slow transposed paths), for benchmarks that compare. */
export function stockWasmBatchMatMul(): KernelFunc | undefined {
  return stockBatchMatMul;
}

/** Replaces the wasm backend's BatchMatMul and _FusedMatMul kernels (once; a no-op without wasm). */
export function installWasmMatMulKernels(): void {
  if (installed) return;
  installed = true;
  for (const name of REPLACED) {
    const original = tf.getKernel(name, 'wasm');
    if (!original) continue;
    if (name === 'BatchMatMul') stockBatchMatMul = original.kernelFunc;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...original, kernelFunc: (args) => withoutTransposeFlags(args as unknown as WasmArgs, original.kernelFunc) });
  }
}
