import { definePlugin, formatShape, tensorValue, type WeightSpec } from '../../runtime/sdk/index.ts';
import { convOutLength } from '../_shared/shapes.ts';

/** 2-D convolution over NHWC images. */
export const conv2dSpec = definePlugin({
  id: 'conv2d',
  version: '1.0.0',
  title: 'Conv 2D',
  category: 'layers',
  role: 'layer',
  doc: 'x [?, H, W, C] -> y [?, H\', W\', filters] (NHWC); kernel [kh, kw, C, filters]. "same" gives ceil(H/stride), "valid" only full windows.',
  inputs: { x: { kind: 'tensor', rank: 4, doc: 'Images [?, H, W, C]; C must be known.' } },
  outputs: { y: { kind: 'tensor', rank: 4 } },
  params: {
    filters: { kind: 'int', default: 16, min: 1, max: 65536, log: true },
    kernelSize: { kind: 'ints', default: [3, 3], length: 2, min: 1, max: 64, label: 'Kernel size' },
    strides: { kind: 'ints', default: [1, 1], length: 2, min: 1, max: 64 },
    padding: { kind: 'enum', options: ['same', 'valid'], default: 'same' },
    useBias: { kind: 'bool', default: true, label: 'Use bias' },
    activation: {
      kind: 'enum',
      options: ['none', 'relu', 'gelu', 'silu', 'tanh', 'sigmoid'],
      default: 'none',
    },
  },
  keyParams: ['filters', 'kernelSize', 'activation'],
  examples: [
    { params: { filters: 3 }, inputs: { x: { shape: [2, 5, 5, 2] } } },
    {
      params: { filters: 2, strides: [2, 2], padding: 'valid', activation: 'relu' },
      inputs: { x: { shape: [1, 6, 5, 1] } },
    },
  ],
  infer(ctx) {
    const { params, inputs } = ctx;
    const x = inputs.x;
    if (!x || x.kind !== 'tensor') return ctx.fail('input "x" is not connected', { port: 'x' });
    const c = x.shape[3] ?? null;
    if (c === null)
      return ctx.fail('the channel axis (last axis of "x") must have a known size', { port: 'x' });
    const [kh, kw] = params.kernelSize as [number, number];
    const [sh, sw] = params.strides as [number, number];
    const h = convOutLength(x.shape[1] ?? null, kh, sh, 1, params.padding);
    const w = convOutLength(x.shape[2] ?? null, kw, sw, 1, params.padding);
    if (h === 0 || w === 0) {
      return ctx.fail(`the ${kh}x${kw} kernel does not fit in ${formatShape(x.shape)} with "valid" padding`, {
        param: 'kernelSize',
      });
    }
    const weights: Record<string, WeightSpec> = {
      kernel: { shape: [kh, kw, c, params.filters], init: { kind: 'glorotUniform' } },
    };
    if (params.useBias) weights.bias = { shape: [params.filters], init: { kind: 'zeros' } };
    return {
      outputs: { y: tensorValue([x.shape[0] ?? null, h, w, params.filters]) },
      weights,
      flops: 2 * kh * kw * c * params.filters * (h ?? 1) * (w ?? 1),
    };
  },
});
