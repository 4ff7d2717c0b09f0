import { definePlugin, formatShape, tensorValue, type WeightSpec } from '../../runtime/sdk/index.ts';
import { convOutLength } from '../_shared/shapes.ts';
import { filtersParam, useBiasParam } from '../_shared/layerParams.ts';
import { layerPorts, tensorInput } from '../_shared/ports.ts';
import { conv1dTorch } from './torch.ts';

/** 1-D convolution over sequences [?, L, C]. */
export const conv1dSpec = definePlugin({
  id: 'conv1d',
  version: '1.0.0',
  title: 'Conv 1D',
  category: 'layers',
  role: 'layer',
  doc: 'x [?, L, C] -> y [?, L\', filters]. "same" keeps L (stride 1), "valid" uses only full windows, "causal" pads the start so y_t sees only x_0..x_t.',
  ...layerPorts({ rank: 3, doc: 'Sequence [?, L, C]; C must be known.' }, { rank: 3 }),
  params: {
    filters: filtersParam(32),
    kernelSize: { kind: 'int', default: 3, min: 1, max: 1024, label: 'Kernel size' },
    strides: { kind: 'int', default: 1, min: 1, max: 1024 },
    padding: { kind: 'enum', options: ['same', 'valid', 'causal'], default: 'same' },
    dilation: { kind: 'int', default: 1, min: 1, max: 1024 },
    useBias: useBiasParam,
  },
  keyParams: ['filters', 'kernelSize', 'padding'],
  examples: [
    { params: { filters: 3, kernelSize: 3 }, inputs: { x: { shape: [2, 6, 2] } } },
    {
      params: { filters: 2, kernelSize: 2, padding: 'causal', dilation: 2 },
      inputs: { x: { shape: [1, 5, 3] } },
    },
  ],
  torch: conv1dTorch,
  infer(ctx) {
    const { params } = ctx;
    const x = tensorInput(ctx, 'x');
    const c = x.shape[2] ?? null;
    if (c === null)
      return ctx.fail('the channel axis (last axis of "x") must have a known size', { port: 'x' });
    const l = convOutLength(
      x.shape[1] ?? null,
      params.kernelSize,
      params.strides,
      params.dilation,
      params.padding,
    );
    if (l === 0) {
      return ctx.fail(
        `the kernel span ${(params.kernelSize - 1) * params.dilation + 1} is longer than the sequence ${formatShape(x.shape)}`,
        {
          param: 'kernelSize',
        },
      );
    }
    const weights: Record<string, WeightSpec> = {
      kernel: { shape: [params.kernelSize, c, params.filters], init: { kind: 'glorotUniform' } },
    };
    if (params.useBias) weights.bias = { shape: [params.filters], init: { kind: 'zeros' } };
    return {
      outputs: { y: tensorValue([x.shape[0] ?? null, l, params.filters]) },
      weights,
      flops: 2 * params.kernelSize * c * params.filters * (l ?? 1),
    };
  },
});
