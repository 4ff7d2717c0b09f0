import { defineLowering } from '../../runtime/exec/sdk.ts';
import { buildSchedule } from '../_shared/schedules.ts';
import { cosineSpec } from './spec.ts';

/** Cosine schedule. */
export const cosineLowering = defineLowering(cosineSpec, {
  id: cosineSpec.id,
  schedule: ({ params, totalSteps }) => buildSchedule(totalSteps, params.peakLr, params.minLr, 0, 'cosine'),
});
