/**
 * Declarative pieces shared by NHWC conv specs (conv2d, quadratic-conv2d, biper-conv2d): the
 * geometry params and the output-shape inference with its diagnostics. No tfjs.
 */
import { formatShape, type InferContext, type ParamDescriptors } from '../../runtime/sdk/index.ts';
import { convOutLength } from './shapes.ts';
import { layerPorts, tensorInput } from './ports.ts';

/** The ports of an NHWC conv paper layer (quadratic-conv2d, biper-conv2d). */
export const conv2dLayerPorts = layerPorts({ rank: 4, doc: '[batch, H, W, inC] (NHWC)' }, { rank: 4, doc: "[batch, H', W', filters]" });

/** Filters, kernel size, strides and TF-style padding, as every 2-D conv spec names them. */
export const conv2dGeometryParams = {
  filters: { kind: 'int', min: 1, max: 4096, doc: 'Output channels.' },
  kernelSize: { kind: 'ints', length: 2, min: 1, max: 15, doc: '[kh, kw]' },
  strides: { kind: 'ints', length: 2, min: 1, max: 8, default: [1, 1], doc: '[sh, sw]' },
  padding: { kind: 'enum', options: ['same', 'valid'], default: 'same', doc: 'TF padding rule.' },
} as const;

/** The inferred geometry of one NHWC conv node. */
export interface Conv2dShape {
  readonly batch: number | null;
  readonly inC: number;
  readonly kh: number;
  readonly kw: number;
  readonly oh: number | null;
  readonly ow: number | null;
}

/** What {@link inferConv2dShape} reads of an infer context. */
type Conv2dInferContext = Pick<InferContext<ParamDescriptors>, 'inputs' | 'fail'> & {
  readonly params: { readonly kernelSize: readonly number[]; readonly strides: readonly number[]; readonly padding: 'same' | 'valid' };
};

/**
 * Reads input `x` `[B, H, W, inC]` and the geometry params (output sizes by
 * {@link convOutLength}); fails (naming the port or param) when `x` is missing, has no channel
 * count, or is smaller than the kernel under 'valid'.
 */
export function inferConv2dShape(ctx: Conv2dInferContext): Conv2dShape {
  const x = tensorInput(ctx, 'x');
  const [b, h, w, inC] = x.shape;
  if (inC === null || inC === undefined) {
    return ctx.fail('the channel axis (last axis of "x") must have a known size', { port: 'x' });
  }
  const { kernelSize, strides, padding } = ctx.params;
  const [kh, kw] = [kernelSize[0] ?? 1, kernelSize[1] ?? 1];
  const oh = convOutLength(h ?? null, kh, strides[0] ?? 1, 1, padding);
  const ow = convOutLength(w ?? null, kw, strides[1] ?? 1, 1, padding);
  if (oh === 0 || ow === 0) {
    return ctx.fail(`the ${kh}x${kw} kernel does not fit in ${formatShape(x.shape)} with "valid" padding`, {
      param: 'kernelSize',
    });
  }
  return { batch: b ?? null, inC, kh, kw, oh, ow };
}
