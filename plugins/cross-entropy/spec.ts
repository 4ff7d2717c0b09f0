import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { checkClassInputs, classInputs } from '../_shared/classTargets.ts';
import { knownPerExample } from '../_shared/shapes.ts';
import { crossEntropyTorch } from './torch.ts';

/** Softmax cross-entropy from logits against integer class ids, averaged over scored positions. */
export const crossEntropySpec = definePlugin({
  id: 'cross-entropy',
  version: '1.0.0',
  title: 'Cross-entropy',
  category: 'loss',
  role: 'loss',
  doc: 'Softmax cross-entropy from logits: mean over all positions of -log softmax(pred)[target]. With a mask, only positions where mask = 1 count (mean over them).',
  inputs: classInputs({
    pred: 'Logits [..., K] (no softmax before this node).',
    target: 'Class ids [...] in 0..K-1.',
    mask: 'Optional weights [...]: 1 scores a position, 0 ignores it.',
  }),
  outputs: { loss: { kind: 'tensor', rank: 0, doc: 'Scalar loss.' } },
  params: {
    labelSmoothing: {
      kind: 'float',
      default: 0,
      min: 0,
      max: 0.5,
      step: 0.01,
      doc: 'Mixes the one-hot target with a uniform distribution over the K classes.',
    },
  },
  examples: [
    { inputs: { pred: { shape: [4, 3] }, target: { shape: [4], dtype: 'int32' } }, maxValue: 3 },
    {
      params: { labelSmoothing: 0.1 },
      inputs: { pred: { shape: [2, 3, 4] }, target: { shape: [2, 3], dtype: 'int32' } },
      maxValue: 4,
    },
  ],
  torch: crossEntropyTorch,
  infer(ctx) {
    const k = checkClassInputs(ctx);
    if (k === null)
      return ctx.fail('the class axis (last axis of "pred") must have a known size', { port: 'pred' });
    const pred = ctx.inputs.pred;
    const rows = pred?.kind === 'tensor' ? knownPerExample(pred.shape, 1) : 1;
    return { outputs: { loss: tensorValue([]) }, flops: rows * 5 * k };
  },
});
