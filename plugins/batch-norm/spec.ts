import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { knownPerExample } from '../_shared/shapes.ts';
import { lastAxisPorts, tensorInput } from '../_shared/ports.ts';
import { batchNormTorch } from './torch.ts';

/** Batch normalisation over every axis but the last (channels last). */
export const batchNormSpec = definePlugin({
  id: 'batch-norm',
  version: '1.0.0',
  title: 'Batch norm',
  category: 'normalisation',
  role: 'layer',
  doc: 'Training: normalises each channel (last axis) by the batch mean and biased variance, then updates running statistics: r = momentum·r + (1-momentum)·batch (variance unbiased). Evaluation uses the running statistics.',
  ...lastAxisPorts('Input [?, ..., C]; C must be known.', 'Same shape as x.'),
  params: {
    momentum: {
      kind: 'float',
      default: 0.99,
      min: 0,
      max: 0.9999,
      step: 0.01,
      doc: 'Keras convention: the weight of the old running value.',
    },
    eps: { kind: 'float', default: 1e-5, min: 1e-12, max: 1, log: true, label: 'ε' },
  },
  keyParams: ['momentum'],
  examples: [{ inputs: { x: { shape: [4, 3] } } }, { inputs: { x: { shape: [2, 3, 3, 2] } } }],
  torch: batchNormTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    const c = x.shape[x.shape.length - 1] ?? null;
    if (c === null)
      return ctx.fail('the channel axis (last axis of "x") must have a known size', { port: 'x' });
    return {
      outputs: { y: tensorValue(x.shape) },
      weights: {
        gamma: { shape: [c], init: { kind: 'ones' } },
        beta: { shape: [c], init: { kind: 'zeros' } },
      },
      state: { movingMean: { shape: [c], initial: 0 }, movingVar: { shape: [c], initial: 1 } },
      flops: 4 * knownPerExample(x.shape),
    };
  },
});
