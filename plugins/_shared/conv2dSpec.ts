/**
 * Declarative pieces shared by NHWC conv specs (quadratic-conv2d, biper-conv2d): the geometry
 * params and the output-shape inference with its diagnostics. No tfjs.
 */
import { formatShape, type InferContext, type ParamDescriptors } from '../../runtime/sdk/index.ts';

/** Filters, kernel size, strides and TF-style padding, as every 2-D conv spec names them. */
export const conv2dGeometryParams = {
  filters: { kind: 'int', min: 1, max: 4096, doc: 'Output channels.' },
  kernelSize: { kind: 'ints', length: 2, min: 1, max: 15, doc: '[kh, kw]' },
  strides: { kind: 'ints', length: 2, min: 1, max: 8, default: [1, 1], doc: '[sh, sw]' },
  padding: { kind: 'enum', options: ['same', 'valid'], default: 'same', doc: 'TF padding rule.' },
} as const;

/** Output size of a 2-D convolution along one axis (TF 'same'/'valid' rules). */
export function convOutSize(size: number | null, k: number, s: number, padding: 'same' | 'valid'): number | null {
  if (size === null) return null;
  return padding === 'same' ? Math.ceil(size / s) : Math.floor((size - k) / s) + 1;
}

/** The inferred geometry of one NHWC conv node. */
export interface Conv2dShape {
  readonly batch: number | null;
  readonly inC: number;
  readonly kh: number;
  readonly kw: number;
  readonly oh: number | null;
  readonly ow: number | null;
}

/**
 * Reads input `x` `[B, H, W, inC]` and the geometry params; fails (naming the port or param)
 * when `x` is missing, has no channel count, or is smaller than the kernel under 'valid'.
 */
export function inferConv2dShape<P extends ParamDescriptors & typeof conv2dGeometryParams>(ctx: InferContext<P>): Conv2dShape {
  const x = ctx.inputs.x;
  if (x?.kind !== 'tensor') return ctx.fail('input x is not connected', { port: 'x' });
  const [b, h, w, inC] = x.shape;
  if (inC === null || inC === undefined) {
    return ctx.fail(`input x ${formatShape(x.shape)} needs a known channel count (NHWC)`, { port: 'x' });
  }
  const { kernelSize, strides, padding } = ctx.params as unknown as {
    kernelSize: readonly number[];
    strides: readonly number[];
    padding: 'same' | 'valid';
  };
  const [kh, kw] = [kernelSize[0] ?? 1, kernelSize[1] ?? 1];
  const oh = convOutSize(h ?? null, kh, strides[0] ?? 1, padding);
  const ow = convOutSize(w ?? null, kw, strides[1] ?? 1, padding);
  if ((oh !== null && oh < 1) || (ow !== null && ow < 1)) {
    return ctx.fail(`kernel [${kh}, ${kw}] is larger than the input ${formatShape(x.shape)} with 'valid' padding`, {
      param: 'kernelSize',
    });
  }
  return { batch: b ?? null, inC, kh, kw, oh, ow };
}
