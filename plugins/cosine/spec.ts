import { definePlugin } from '../../runtime/sdk/index.ts';
import { minLrParam, peakLrParam, scheduleOutputs } from '../_shared/schedules.ts';
import { cosineTorch } from './torch.ts';

/** Cosine annealing from the peak towards minLr (no restarts). */
export const cosineSpec = definePlugin({
  id: 'cosine',
  version: '1.0.0',
  title: 'Cosine decay',
  category: 'schedule',
  role: 'schedule',
  doc: 'lr_t = minLr + (peakLr - minLr)·(1 + cos(π·t/T))/2 for steps t = 0..T-1.',
  inputs: {},
  outputs: scheduleOutputs,
  params: { peakLr: peakLrParam, minLr: minLrParam },
  keyParams: ['peakLr', 'minLr'],
  torch: cosineTorch,
  infer: () => ({ outputs: { lr: { kind: 'schedule' } } }),
});
