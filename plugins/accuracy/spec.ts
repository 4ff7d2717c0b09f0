import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { checkClassInputs, classInputs } from '../_shared/classTargets.ts';
import { accuracyTorch } from './torch.ts';

/** Fraction of positions whose arg-max class equals the target. */
export const accuracySpec = definePlugin({
  id: 'accuracy',
  version: '1.0.0',
  title: 'Accuracy',
  category: 'metric',
  role: 'metric',
  doc: 'Fraction of positions where argmax(pred) equals target; with a mask, only positions where mask = 1 count.',
  inputs: classInputs({
    pred: 'Scores or logits [..., K].',
    target: 'Class ids [...].',
    mask: 'Optional [...]: 1 scores a position, 0 ignores it.',
  }),
  outputs: { value: { kind: 'tensor', rank: 0, doc: 'Accuracy in [0, 1].' } },
  params: {},
  examples: [{ inputs: { pred: { shape: [4, 3] }, target: { shape: [4], dtype: 'int32' } }, maxValue: 3 }],
  torch: accuracyTorch,
  infer(ctx) {
    checkClassInputs(ctx);
    return { outputs: { value: tensorValue([]) } };
  },
});
