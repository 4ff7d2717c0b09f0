import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { perExampleSize } from '../_shared/shapes.ts';
import { tensorInput } from '../_shared/ports.ts';
import { flattenTorch } from './torch.ts';

/** Flattens each example to a vector. */
export const flattenSpec = definePlugin({
  id: 'flatten',
  version: '1.0.0',
  title: 'Flatten',
  category: 'structure',
  role: 'layer',
  doc: 'x [?, d1, d2, ...] -> y [?, d1·d2·...].',
  inputs: { x: { kind: 'tensor', dtype: 'any', rank: { min: 2 } } },
  outputs: { y: { kind: 'tensor', dtype: 'any', rank: 2 } },
  params: {},
  examples: [{ inputs: { x: { shape: [2, 3, 2] } } }],
  torch: flattenTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    return { outputs: { y: tensorValue([x.shape[0] ?? null, perExampleSize(x.shape)], x.dtype) } };
  },
});
