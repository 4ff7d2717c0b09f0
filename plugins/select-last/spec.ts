import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { tensorInput } from '../_shared/ports.ts';
import { selectLastTorch } from './torch.ts';

/** The last time step of a sequence, for sequence-to-one tasks. */
export const selectLastSpec = definePlugin({
  id: 'select-last',
  version: '1.0.0',
  title: 'Select last step',
  category: 'sequence',
  role: 'layer',
  doc: 'x [?, L, ...] -> y [?, ...]: the features at the last position (for a causal model, the one that has seen the whole sequence).',
  inputs: { x: { kind: 'tensor', dtype: 'any', rank: { min: 3 }, doc: 'Sequence [?, L, d].' } },
  outputs: { y: { kind: 'tensor', dtype: 'any', rank: { min: 2 }, doc: 'Last step [?, d].' } },
  params: {},
  examples: [{ inputs: { x: { shape: [2, 4, 3] } } }],
  torch: selectLastTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    if (x.shape[1] === 0) return ctx.fail('the sequence axis of "x" is empty', { port: 'x' });
    return { outputs: { y: tensorValue([x.shape[0] ?? null, ...x.shape.slice(2)], x.dtype) } };
  },
});
