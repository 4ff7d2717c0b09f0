import { defineLowering } from '../../runtime/exec/sdk.ts';
import { buildSchedule } from '../_shared/schedules.ts';
import { constantLrSpec } from './spec.ts';

/** Constant schedule. */
export const constantLrLowering = defineLowering(constantLrSpec, {
  id: constantLrSpec.id,
  schedule: ({ params, totalSteps }) =>
    buildSchedule(totalSteps, params.peakLr, params.peakLr, 0, 'constant'),
});
