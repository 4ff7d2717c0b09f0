import { definePlugin } from '../../runtime/sdk/index.ts';
import { peakLrParam, scheduleOutputs } from '../_shared/schedules.ts';
import { constantLrTorch } from './torch.ts';

/** The same learning rate at every step. */
export const constantLrSpec = definePlugin({
  id: 'constant-lr',
  version: '1.0.0',
  title: 'Constant LR',
  category: 'schedule',
  role: 'schedule',
  doc: 'lr_t = peakLr at every step.',
  inputs: {},
  outputs: scheduleOutputs,
  params: { peakLr: peakLrParam },
  keyParams: ['peakLr'],
  torch: constantLrTorch,
  infer: () => ({ outputs: { lr: { kind: 'schedule' } } }),
});
