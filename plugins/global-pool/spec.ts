import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { knownPerExample } from '../_shared/shapes.ts';
import { tensorInput } from '../_shared/ports.ts';
import { globalPoolTorch } from './torch.ts';

/** Mean or max over every axis between the batch and the channel axes. */
export const globalPoolSpec = definePlugin({
  id: 'global-pool',
  version: '1.0.0',
  title: 'Global pool',
  category: 'layers',
  role: 'layer',
  doc: 'x [?, L, C] or [?, H, W, C] -> y [?, C]: the mean or max over the sequence / spatial axes.',
  inputs: { x: { kind: 'tensor', rank: { min: 3 } } },
  outputs: { y: { kind: 'tensor', rank: 2 } },
  params: { mode: { kind: 'enum', options: ['mean', 'max'], default: 'mean' } },
  keyParams: ['mode'],
  examples: [
    { inputs: { x: { shape: [2, 4, 3] } } },
    { params: { mode: 'max' }, inputs: { x: { shape: [2, 3, 3, 2] } } },
  ],
  torch: globalPoolTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    return {
      outputs: { y: tensorValue([x.shape[0] ?? null, x.shape[x.shape.length - 1] ?? null]) },
      flops: knownPerExample(x.shape),
    };
  },
});
