import { definePlugin } from '../../runtime/sdk/index.ts';
import { minLrParam, peakLrParam, scheduleOutputs } from '../_shared/schedules.ts';
import { linearDecayTorch } from './torch.ts';

/** Linear decay from the peak towards a floor. */
export const linearDecaySpec = definePlugin({
  id: 'linear-decay',
  version: '1.0.0',
  title: 'Linear decay',
  category: 'schedule',
  role: 'schedule',
  doc: 'lr_t = minLr + (peakLr - minLr)·(1 - t/T) for steps t = 0..T-1.',
  inputs: {},
  outputs: scheduleOutputs,
  params: { peakLr: peakLrParam, minLr: minLrParam },
  keyParams: ['peakLr'],
  torch: linearDecayTorch,
  infer: () => ({ outputs: { lr: { kind: 'schedule' } } }),
});
