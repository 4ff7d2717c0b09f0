import { definePlugin } from '../../runtime/sdk/index.ts';
import { adamParams } from '../adam/spec.ts';
import { optimiserInputs, runParams } from '../_shared/runParams.ts';
import { adamwTorch } from './torch.ts';

/** AdamW: Adam with decoupled weight decay (Loshchilov & Hutter). */
export const adamwSpec = definePlugin({
  id: 'adamw',
  version: '1.0.0',
  title: 'AdamW',
  category: 'optimiser',
  role: 'optimiser',
  doc: 'Adam with decoupled weight decay: w ← w·(1 − lr·weightDecay) before each Adam step. Decay skips weights of rank < 2 (biases, norm gains) and weights whose plugin opts out.',
  paper: { title: 'Decoupled Weight Decay Regularization', url: 'https://arxiv.org/abs/1711.05101' },
  inputs: optimiserInputs,
  outputs: {},
  params: {
    ...runParams(1e-3),
    ...adamParams,
    weightDecay: { kind: 'float', default: 0.01, min: 0, max: 1, step: 0.001, label: 'Weight decay' },
  },
  keyParams: ['lr', 'weightDecay', 'steps'],
  torch: adamwTorch,
  infer: () => ({ outputs: {} }),
});
