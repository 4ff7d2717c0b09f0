import { definePlugin } from '../../runtime/sdk/index.ts';
import { optimiserInputs, runParams } from '../_shared/runParams.ts';
import { sgdTorch } from './torch.ts';

/** Stochastic gradient descent with optional (Nesterov) momentum, PyTorch's formulation. */
export const sgdSpec = definePlugin({
  id: 'sgd',
  version: '1.0.0',
  title: 'SGD',
  category: 'optimiser',
  role: 'optimiser',
  doc: 'v = momentum·v + g; w -= lr·v (Nesterov: w -= lr·(g + momentum·v)). With momentum 0, plain w -= lr·g. Also sets the run: steps, batch size, seed, evaluation cadence, gradient clipping.',
  inputs: optimiserInputs,
  outputs: {},
  params: {
    ...runParams(0.05),
    momentum: { kind: 'float', default: 0.9, min: 0, max: 0.999, step: 0.01 },
    nesterov: { kind: 'bool', default: false },
  },
  keyParams: ['lr', 'steps', 'batchSize'],
  torch: sgdTorch,
  infer: () => ({ outputs: {} }),
});
