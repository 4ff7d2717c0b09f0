import { definePlugin, tensorValue, type WeightSpec } from '../../runtime/sdk/index.ts';
import { inferConv2dShape } from '../_shared/conv2dSpec.ts';
import { filtersParam, useBiasParam } from '../_shared/layerParams.ts';
import { layerPorts } from '../_shared/ports.ts';
import { conv2dTorch } from './torch.ts';

/** 2-D convolution over NHWC images. */
export const conv2dSpec = definePlugin({
  id: 'conv2d',
  version: '1.0.0',
  title: 'Conv 2D',
  category: 'layers',
  role: 'layer',
  doc: 'x [?, H, W, C] -> y [?, H\', W\', filters] (NHWC); kernel [kh, kw, C, filters]. "same" gives ceil(H/stride), "valid" only full windows.',
  ...layerPorts({ rank: 4, doc: 'Images [?, H, W, C]; C must be known.' }, { rank: 4 }),
  params: {
    filters: filtersParam(16),
    kernelSize: { kind: 'ints', default: [3, 3], length: 2, min: 1, max: 64, label: 'Kernel size' },
    strides: { kind: 'ints', default: [1, 1], length: 2, min: 1, max: 64 },
    padding: { kind: 'enum', options: ['same', 'valid'], default: 'same' },
    useBias: useBiasParam,
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
  torch: conv2dTorch,
  infer(ctx) {
    const { params } = ctx;
    const { batch, inC: c, kh, kw, oh: h, ow: w } = inferConv2dShape(ctx);
    const weights: Record<string, WeightSpec> = {
      kernel: { shape: [kh, kw, c, params.filters], init: { kind: 'glorotUniform' } },
    };
    if (params.useBias) weights.bias = { shape: [params.filters], init: { kind: 'zeros' } };
    return {
      outputs: { y: tensorValue([batch, h, w, params.filters]) },
      weights,
      flops: 2 * kh * kw * c * params.filters * (h ?? 1) * (w ?? 1),
    };
  },
});
