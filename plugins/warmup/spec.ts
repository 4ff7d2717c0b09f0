import { definePlugin } from '../../runtime/sdk/index.ts';
import { minLrParam, peakLrParam, scheduleOutputs } from '../_shared/schedules.ts';
import { warmupTorch } from './torch.ts';

/** Linear warm-up, then a constant, linear or cosine decay. */
export const warmupSpec = definePlugin({
  id: 'warmup',
  version: '1.0.0',
  title: 'Warm-up + decay',
  category: 'schedule',
  role: 'schedule',
  doc: 'lr_t = peakLr·(t+1)/W for t < W; then peakLr (constant), or a linear or cosine decay to minLr over the remaining T - W steps.',
  inputs: {},
  outputs: scheduleOutputs,
  params: {
    peakLr: peakLrParam,
    warmupSteps: { kind: 'int', default: 100, min: 0, max: 1_000_000, log: true, label: 'Warm-up steps' },
    decay: { kind: 'enum', options: ['constant', 'linear', 'cosine'], default: 'cosine' },
    minLr: minLrParam,
  },
  keyParams: ['peakLr', 'warmupSteps', 'decay'],
  torch: warmupTorch,
  infer: () => ({ outputs: { lr: { kind: 'schedule' } } }),
});
