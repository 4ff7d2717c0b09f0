import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { dataSeedParam, evalSplitParam, samplesParam } from '../_shared/dataParams.ts';
import { sineRegressionTorch } from './torch.ts';

/** 1-D regression: a noisy sine wave. */
export const sineRegressionSpec = definePlugin({
  id: 'sine-regression',
  version: '1.0.0',
  title: 'Sine regression',
  category: 'data',
  role: 'data',
  doc: 'x uniform in [-π, π]; y = amplitude·sin(frequency·x) + noise·N(0, 1). Pair it with an "mse" loss.',
  inputs: {},
  outputs: {
    x: { kind: 'tensor', rank: 2, doc: 'Inputs [?, 1].' },
    y: { kind: 'tensor', rank: 2, doc: 'Targets [?, 1].' },
  },
  params: {
    samples: samplesParam(512, 200_000),
    frequency: { kind: 'float', default: 1, min: 0.1, max: 20, step: 0.1 },
    amplitude: { kind: 'float', default: 1, min: 0.01, max: 100, log: true },
    noise: { kind: 'float', default: 0.05, min: 0, max: 10, step: 0.01 },
    evalSplit: evalSplitParam,
    seed: dataSeedParam,
  },
  keyParams: ['frequency', 'noise'],
  torch: sineRegressionTorch,
  infer: () => ({ outputs: { x: tensorValue([null, 1]), y: tensorValue([null, 1]) } }),
});
