import { definePlugin, type FloatParam } from '../../runtime/sdk/index.ts';
import { optimiserInputs, runParams } from '../_shared/runParams.ts';
import { adamTorch } from './torch.ts';

/** Adam's own params, shared with AdamW. */
export const adamParams: { beta1: FloatParam; beta2: FloatParam; eps: FloatParam } = {
  beta1: { kind: 'float', default: 0.9, min: 0, max: 0.9999, step: 0.01, label: 'β1' },
  beta2: { kind: 'float', default: 0.999, min: 0, max: 0.99999, step: 0.001, label: 'β2' },
  eps: { kind: 'float', default: 1e-8, min: 1e-12, max: 1, log: true, label: 'ε' },
};

/** Adam (Kingma & Ba) with bias correction. */
export const adamSpec = definePlugin({
  id: 'adam',
  version: '1.0.0',
  title: 'Adam',
  category: 'optimiser',
  role: 'optimiser',
  doc: 'm = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; w -= lr·m̂/(√v̂ + ε) with bias-corrected m̂, v̂. Also sets the run: steps, batch size, seed, evaluation cadence, gradient clipping.',
  inputs: optimiserInputs,
  outputs: {},
  params: { ...runParams(1e-3), ...adamParams },
  keyParams: ['lr', 'steps', 'batchSize'],
  torch: adamTorch,
  infer: () => ({ outputs: {} }),
});
