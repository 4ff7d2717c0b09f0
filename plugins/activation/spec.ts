import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { knownPerExample } from '../_shared/shapes.ts';
import { elementwisePorts, tensorInput } from '../_shared/ports.ts';
import { activationTorch } from './torch.ts';

/** Elementwise nonlinearity; the shape is unchanged. */
export const activationSpec = definePlugin({
  id: 'activation',
  version: '1.0.0',
  title: 'Activation',
  category: 'activation',
  role: 'layer',
  doc: 'Elementwise nonlinearity. GELU is the exact erf form; leaky ReLU uses "alpha" as its negative slope.',
  ...elementwisePorts(),
  params: {
    fn: {
      kind: 'enum',
      label: 'Function',
      options: ['relu', 'gelu', 'silu', 'tanh', 'sigmoid', 'softplus', 'leakyRelu'],
      default: 'relu',
    },
    alpha: {
      kind: 'float',
      default: 0.01,
      min: 0,
      max: 1,
      doc: 'Negative slope of leaky ReLU (ignored by the others).',
    },
  },
  keyParams: ['fn'],
  examples: [
    { params: { fn: 'gelu' }, inputs: { x: { shape: [2, 4] } } },
    { params: { fn: 'leakyRelu', alpha: 0.2 }, inputs: { x: { shape: [2, 3, 2] } } },
  ],
  torch: activationTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    return { outputs: { y: tensorValue(x.shape) }, flops: knownPerExample(x.shape) };
  },
});
