import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { elementwisePorts, tensorInput } from '../_shared/ports.ts';
import { dropoutTorch } from './torch.ts';

/** Inverted dropout: zeroes a random fraction in training and rescales the rest. */
export const dropoutSpec = definePlugin({
  id: 'dropout',
  version: '1.0.0',
  title: 'Dropout',
  category: 'layers',
  role: 'layer',
  doc: 'Training: each element is zeroed with probability "rate" and the rest scaled by 1/(1-rate); masks come from the run seed, so runs repeat exactly. Evaluation: identity.',
  ...elementwisePorts(),
  params: { rate: { kind: 'float', default: 0.1, min: 0, max: 0.95, step: 0.05 } },
  keyParams: ['rate'],
  examples: [{ params: { rate: 0.5 }, inputs: { x: { shape: [2, 4] } } }],
  torch: dropoutTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    return { outputs: { y: tensorValue(x.shape) } };
  },
});
