import { defineLowering } from '../../runtime/exec/sdk.ts';
import { buildSchedule } from '../_shared/schedules.ts';
import { linearDecaySpec } from './spec.ts';

/** Linear-decay schedule. */
export const linearDecayLowering = defineLowering(linearDecaySpec, {
  id: linearDecaySpec.id,
  schedule: ({ params, totalSteps }) => buildSchedule(totalSteps, params.peakLr, params.minLr, 0, 'linear'),
});
