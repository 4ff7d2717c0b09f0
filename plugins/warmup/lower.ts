import { defineLowering } from '../../runtime/exec/sdk.ts';
import { buildSchedule } from '../_shared/schedules.ts';
import { warmupSpec } from './spec.ts';

/** Warm-up schedule; a warm-up longer than the run is cut to the run. */
export const warmupLowering = defineLowering(warmupSpec, {
  id: warmupSpec.id,
  schedule: ({ params, totalSteps }) =>
    buildSchedule(totalSteps, params.peakLr, params.minLr, params.warmupSteps, params.decay),
});
