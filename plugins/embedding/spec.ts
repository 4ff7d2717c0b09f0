import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { tensorInput } from '../_shared/ports.ts';
import { embeddingTorch } from './torch.ts';

/** Token embedding: integer ids to learned vectors. */
export const embeddingSpec = definePlugin({
  id: 'embedding',
  version: '1.0.0',
  title: 'Embedding',
  category: 'layers',
  role: 'layer',
  doc: 'Looks up a learned vector per token id: x [..., L] int32 -> y [..., L, dim]. Ids outside 0..vocabSize-1 are clamped into range.',
  inputs: { x: { kind: 'tensor', dtype: 'int32', rank: { min: 1 }, doc: 'Token ids [?, L].' } },
  outputs: { y: { kind: 'tensor', rank: { min: 2 }, doc: 'Vectors [?, L, dim].' } },
  params: {
    vocabSize: { kind: 'int', default: 64, min: 1, max: 1_000_000, log: true, label: 'Vocabulary size' },
    dim: { kind: 'int', default: 32, min: 1, max: 65536, log: true, label: 'Dimension' },
  },
  keyParams: ['vocabSize', 'dim'],
  examples: [
    { params: { vocabSize: 5, dim: 3 }, inputs: { x: { shape: [2, 4], dtype: 'int32' } }, maxValue: 5 },
  ],
  torch: embeddingTorch,
  infer(ctx) {
    const { params } = ctx;
    const x = tensorInput(ctx, 'x');
    return {
      outputs: { y: tensorValue([...x.shape, params.dim]) },
      // Keras' default embedding init: uniform in ±0.05.
      weights: {
        table: { shape: [params.vocabSize, params.dim], init: { kind: 'uniform', min: -0.05, max: 0.05 } },
      },
    };
  },
});
