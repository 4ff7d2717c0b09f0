import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { knownPerExample } from '../_shared/shapes.ts';
import { lastAxisPorts, tensorInput } from '../_shared/ports.ts';
import { layerNormTorch } from './torch.ts';

/** Layer normalisation over the last axis, with a learned gain and shift. */
export const layerNormSpec = definePlugin({
  id: 'layer-norm',
  version: '1.0.0',
  title: 'Layer norm',
  category: 'normalisation',
  role: 'layer',
  doc: 'y = (x - mean) / sqrt(var + eps) · gamma + beta, with mean and (biased) variance over the last axis of each position.',
  ...lastAxisPorts('Input [..., d]; d must be known.', 'Same shape as x.'),
  params: { eps: { kind: 'float', default: 1e-5, min: 1e-12, max: 1, log: true, label: 'ε' } },
  examples: [{ inputs: { x: { shape: [2, 5] } } }, { inputs: { x: { shape: [2, 3, 4] } } }],
  torch: layerNormTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    const d = x.shape[x.shape.length - 1] ?? null;
    if (d === null) return ctx.fail('the last axis of "x" must have a known size', { port: 'x' });
    return {
      outputs: { y: tensorValue(x.shape) },
      weights: {
        gamma: { shape: [d], init: { kind: 'ones' } },
        beta: { shape: [d], init: { kind: 'zeros' } },
      },
      flops: 8 * knownPerExample(x.shape),
    };
  },
});
