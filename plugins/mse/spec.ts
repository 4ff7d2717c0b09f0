import { definePlugin, formatShape, shapesCompatible, tensorValue } from '../../runtime/sdk/index.ts';
import { knownPerExample } from '../_shared/shapes.ts';
import { tensorInput } from '../_shared/ports.ts';
import { mseTorch } from './torch.ts';

/** Mean squared error between a prediction and a target of the same shape. */
export const mseSpec = definePlugin({
  id: 'mse',
  version: '1.0.0',
  title: 'Mean squared error',
  category: 'loss',
  role: 'loss',
  doc: 'mean((pred - target)^2) over every element.',
  inputs: {
    pred: { kind: 'tensor', rank: { min: 1 }, doc: 'Prediction.' },
    target: { kind: 'tensor', rank: { min: 1 }, doc: 'Target, same shape as pred.' },
  },
  outputs: { loss: { kind: 'tensor', rank: 0, doc: 'Scalar loss.' } },
  params: {},
  examples: [{ inputs: { pred: { shape: [3, 2] }, target: { shape: [3, 2] } } }],
  torch: mseTorch,
  infer(ctx) {
    const pred = tensorInput(ctx, 'pred');
    const target = tensorInput(ctx, 'target');
    if (!shapesCompatible(pred.shape, target.shape)) {
      return ctx.fail(
        `"target" ${formatShape(target.shape)} must have the shape of "pred" ${formatShape(pred.shape)}`,
        {
          port: 'target',
        },
      );
    }
    return { outputs: { loss: tensorValue([]) }, flops: 3 * knownPerExample(pred.shape) };
  },
});
