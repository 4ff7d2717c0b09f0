import { definePlugin, tensorValue, type WeightSpec } from '../../runtime/sdk/index.ts';
import { knownPerExample } from '../_shared/shapes.ts';
import { useBiasParam } from '../_shared/layerParams.ts';
import { lastAxisPorts, tensorInput } from '../_shared/ports.ts';
import { denseTorch } from './torch.ts';

/** Fully connected layer over the last axis: y = act(x · kernel + bias). */
export const denseSpec = definePlugin({
  id: 'dense',
  version: '1.0.0',
  title: 'Dense',
  category: 'layers',
  role: 'layer',
  doc: 'Fully connected layer on the last axis: y = activation(x · kernel + bias). Leading axes are kept.',
  ...lastAxisPorts('Input [..., in]; the last axis must be known.', 'Output [..., units].'),
  params: {
    units: { kind: 'int', default: 64, min: 1, max: 65536, log: true, doc: 'Output features.' },
    useBias: useBiasParam,
    activation: {
      kind: 'enum',
      options: ['none', 'relu', 'gelu', 'silu', 'tanh', 'sigmoid'],
      // ReLU by default, so Dense -> Dense is not one linear map; a logits layer sets 'none'.
      default: 'relu',
      doc: "Applied after the affine map; 'none' for the logits that a loss reads.",
    },
  },
  keyParams: ['units', 'activation'],
  examples: [
    { params: { units: 3 }, inputs: { x: { shape: [2, 4] } } },
    { params: { units: 2, activation: 'gelu' }, inputs: { x: { shape: [2, 3, 4] } } },
  ],
  torch: denseTorch,
  infer(ctx) {
    const { params } = ctx;
    const x = tensorInput(ctx, 'x');
    const inDim = x.shape[x.shape.length - 1] ?? null;
    if (inDim === null) return ctx.fail('the last axis of "x" must have a known size', { port: 'x' });
    const weights: Record<string, WeightSpec> = {
      kernel: { shape: [inDim, params.units], init: { kind: 'glorotUniform' } },
    };
    if (params.useBias) weights.bias = { shape: [params.units], init: { kind: 'zeros' } };
    return {
      outputs: { y: tensorValue([...x.shape.slice(0, -1), params.units]) },
      weights,
      flops: knownPerExample(x.shape, 1) * 2 * inDim * params.units,
    };
  },
});
