import { classIdsValue, definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { classDataOutputs, dataSeedParam, evalSplitParam, samplesParam } from '../_shared/dataParams.ts';
import { twoSpiralsTorch } from './torch.ts';

/**
 * Two interleaved spirals in the plane, one per class: the classic test that a network can
 * bend a decision boundary. Labels are int32 class ids (not one-hot), as `cross-entropy` and
 * `accuracy` expect.
 */
export const twoSpiralsSpec = definePlugin({
  id: 'two-spirals',
  version: '1.0.0',
  title: 'Two spirals',
  category: 'data',
  role: 'data',
  doc: 'Points on two interleaved spirals (radius up to 1) with Gaussian noise; y is the class id 0 or 1. Classes are exactly balanced.',
  inputs: {},
  outputs: classDataOutputs({ rank: 2, doc: 'Points [?, 2].' }, 'Class ids [?] (0 or 1).'),
  params: {
    samples: samplesParam(1000, 100_000),
    noise: {
      kind: 'float',
      default: 0.05,
      min: 0,
      max: 1,
      step: 0.01,
      doc: 'Std of the Gaussian noise added to each coordinate.',
    },
    turns: {
      kind: 'float',
      default: 1.5,
      min: 0.25,
      max: 5,
      step: 0.25,
      doc: 'Full turns each spiral makes.',
    },
    evalSplit: evalSplitParam,
    seed: dataSeedParam,
  },
  keyParams: ['samples', 'noise'],
  torch: twoSpiralsTorch,
  infer: () => ({ outputs: { x: tensorValue([null, 2]), y: classIdsValue([null], 2) } }),
});
