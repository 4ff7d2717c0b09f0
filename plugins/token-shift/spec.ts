import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { knownPerExample } from '../_shared/shapes.ts';
import { tensorInput } from '../_shared/ports.ts';
import { tokenShiftTorch } from './torch.ts';

/**
 * Mixes each position with a learned map of the previous one: the cheap one-step shift that
 * lets a linear-attention layer bind a key to the token right after it (associative recall).
 */
export const tokenShiftSpec = definePlugin({
  id: 'token-shift',
  version: '1.0.0',
  title: 'Token shift',
  category: 'sequence',
  role: 'layer',
  doc: 'y_t = x_t + x_{t-1}·kernel + bias, with x_{-1} = 0. Kernel and bias start at zero, so the layer starts as the identity.',
  inputs: { x: { kind: 'tensor', rank: 3, doc: 'Sequence [?, L, d]; d must be known.' } },
  outputs: { y: { kind: 'tensor', rank: 3, doc: 'Same shape as x.' } },
  params: {},
  examples: [{ inputs: { x: { shape: [2, 4, 3] } } }],
  torch: tokenShiftTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    const d = x.shape[2] ?? null;
    if (d === null)
      return ctx.fail('the feature axis (last axis of "x") must have a known size', { port: 'x' });
    return {
      outputs: { y: tensorValue(x.shape) },
      weights: {
        kernel: { shape: [d, d], init: { kind: 'zeros' } },
        bias: { shape: [d], init: { kind: 'zeros' } },
      },
      flops: knownPerExample(x.shape, 1) * (2 * d * d + 2 * d),
    };
  },
});
