/**
 * Kernel fixes for the GPU backends of tfjs 4.22: WebGL (registered with tfjs, installed by
 * tf.ts) and WebGPU (imported on demand, installed by backends.ts once loaded).
 *
 * PadV2 on rank 5 and 6, both backends: the stock shaders declare their bounds as 5- and
 * 6-vectors, which are structs in tfjs's WGSL prelude and GLSL's `ivec5`/`ivec6` stand-ins, so
 * `end[i]`, `any(coords < start)` and `lessThan(rc, start)` do not compile. WebGL throws
 * "Failed to compile fragment shader"; on WebGPU the pipeline is invalid, nothing is thrown,
 * and the output buffer is whatever it held: silently wrong values. Pad is the gradient of Slice, so every slice of a rank-5 tensor got a
 * wrong gradient on WebGPU (GLA's sub-chunked scores). The replacement pads one axis at a time
 * on a rank-3 view `[before, axis, after]` (a view shares the buffer; nothing is copied),
 * which the stock kernel handles. Ranks ≤ 4 go to the stock kernel unchanged.
 *
 * Cumsum and Cumprod with `reverse`: the stock shader bakes the scanned axis' length into its
 * code but leaves it out of the shader's cache key (which holds ranks, not shapes), so after a
 * first reverse scan of length n every later one, of any length, reuses the program compiled
 * for n. The reverse cumsum is the gradient of cumsum (GLA's cumulative gates), so gate
 * gradients were wrong as soon as two sequence lengths had been seen. The replacement flips
 * the axis, scans forward (the forward shader reads the length from a uniform) and flips back.
 *
 * AddN on WebGPU: the stock shader binds every input as a storage buffer, and a pipeline with
 * more than the device's `maxStorageBuffersPerShaderStage` (8 by default, and on SwiftShader) is
 * invalid — again silently. AddN sums the gradient contributions of a tensor used more than
 * once, so every weight read by many ops (GLA, LSSL, deep quadratic nets, BiPer) got a wrong
 * gradient. The replacement sums groups that fit and then the partial sums.
 */
import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs';

interface DisposingBackend {
  disposeData(dataId: object, force?: boolean): boolean;
}

type PadArgs = { inputs: { x: TensorInfo }; backend: DisposingBackend; attrs: NamedAttrMap };

/** Largest rank the stock GPU pad shaders compile for. */
const MAX_STOCK_PAD_RANK = 4;

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function padByAxis({ inputs, backend, attrs }: PadArgs, original: KernelFunc): TensorInfo | TensorInfo[] {
  const { x } = inputs;
  const paddings = attrs.paddings as [number, number][];
  const padded = paddings.flatMap(([before, after], axis) => (before !== 0 || after !== 0 ? [axis] : []));
  if (x.shape.length <= MAX_STOCK_PAD_RANK || product(x.shape) === 0) return original({ inputs, backend, attrs });
  if (padded.length === 0) {
    // Nothing to pad: a copy through a rank-1 view (the stock WebGL kernel would still compile
    // its rank-5 shader).
    const copy = original({ inputs: { x: { ...x, shape: [product(x.shape)] } }, backend, attrs: { paddings: [[0, 0]], constantValue: 0 } }) as TensorInfo;
    return { ...copy, shape: [...x.shape] };
  }
  const shape = [...x.shape];
  let current: TensorInfo = x;
  for (const axis of padded) {
    const view = { ...current, shape: [product(shape.slice(0, axis)), shape[axis]!, product(shape.slice(axis + 1))] };
    const out = original({
      inputs: { x: view },
      backend: backend,
      attrs: { paddings: [[0, 0], paddings[axis]!, [0, 0]], constantValue: attrs.constantValue ?? 0 },
    }) as TensorInfo;
    if (current !== x) backend.disposeData(current.dataId);
    shape[axis] = shape[axis]! + paddings[axis]![0] + paddings[axis]![1];
    current = { dataId: out.dataId, dtype: out.dtype, shape: [...shape] };
  }
  return current;
}

type CumArgs = { inputs: { x: TensorInfo }; backend: DisposingBackend; attrs: NamedAttrMap };

function reverseAxis(x: TensorInfo, axis: number, backend: DisposingBackend): TensorInfo {
  const reverse = tf.getKernel('Reverse', 'webgpu').kernelFunc;
  return reverse({ inputs: { x }, backend: backend, attrs: { dims: [axis] } }) as TensorInfo;
}

function scanForwardOnly({ inputs, backend, attrs }: CumArgs, original: KernelFunc): TensorInfo | TensorInfo[] {
  if (attrs.reverse !== true) return original({ inputs, backend: backend, attrs });
  const axis = tf.util.parseAxisParam(attrs.axis as number, inputs.x.shape)[0]!;
  const flipped = reverseAxis(inputs.x, axis, backend);
  const scanned = original({ inputs: { x: flipped }, backend: backend, attrs: { ...attrs, reverse: false } }) as TensorInfo;
  backend.disposeData(flipped.dataId);
  const out = reverseAxis(scanned, axis, backend);
  backend.disposeData(scanned.dataId);
  return out;
}

interface WebgpuLimitsBackend extends DisposingBackend {
  readonly device?: { readonly limits?: { readonly maxStorageBuffersPerShaderStage?: number } };
}

type AddNArgs = { inputs: TensorInfo[]; backend: WebgpuLimitsBackend; attrs: NamedAttrMap };

function addInGroups({ inputs, backend, attrs }: AddNArgs, original: KernelFunc): TensorInfo | TensorInfo[] {
  // One storage buffer is the output.
  const perPass = Math.max(2, (backend.device?.limits?.maxStorageBuffersPerShaderStage ?? 8) - 1);
  /** Partial sums made here (the inputs belong to the caller). */
  const partial = new Set<TensorInfo>();
  let terms = inputs;
  while (terms.length > perPass) {
    const sums: TensorInfo[] = [];
    for (let i = 0; i < terms.length; i += perPass) {
      const group = terms.slice(i, i + perPass);
      if (group.length === 1) {
        sums.push(group[0]!);
        continue;
      }
      const sum = original({ inputs: group as never, backend: backend, attrs }) as TensorInfo;
      for (const t of group) if (partial.delete(t)) backend.disposeData(t.dataId);
      partial.add(sum);
      sums.push(sum);
    }
    terms = sums;
  }
  const out = original({ inputs: terms as never, backend: backend, attrs }) as TensorInfo;
  for (const t of partial) backend.disposeData(t.dataId);
  return out;
}

/** A kernel replacement; each one types the args of its own kernel (hence `never` here). */
type Replacement = (args: never, original: KernelFunc) => TensorInfo | TensorInfo[];

/** The replaced kernels of each GPU backend. */
const REPLACEMENTS: Readonly<Record<'webgl' | 'webgpu', Readonly<Record<string, Replacement>>>> = {
  webgl: { PadV2: padByAxis },
  webgpu: { PadV2: padByAxis, Cumsum: scanForwardOnly, Cumprod: scanForwardOnly, AddN: addInGroups },
};
const installed = new Set<string>();

/**
 * Replaces the kernels listed above on every GPU backend registered so far (once per backend;
 * a backend that is not registered yet is left for a later call).
 */
export function installGpuKernelFixes(): void {
  for (const [backend, replacements] of Object.entries(REPLACEMENTS)) {
    if (installed.has(backend) || Object.keys(replacements).some((name) => !tf.getKernel(name, backend))) continue;
    installed.add(backend);
    for (const [name, replacement] of Object.entries(replacements)) {
      const original = tf.getKernel(name, backend);
      tf.unregisterKernel(name, backend);
      tf.registerKernel({ ...original, kernelFunc: (args) => replacement(args as never, original.kernelFunc) });
    }
  }
}
