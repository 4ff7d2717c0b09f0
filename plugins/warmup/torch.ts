import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { BUILD_SCHEDULE_PY } from '../_shared/torchSchedules.ts';

/** PyTorch emitter of `warmup`: `buildSchedule` with the warm-up and the chosen decay. */
export const warmupTorch: TorchEmitter = {
  source: BUILD_SCHEDULE_PY,
  construct: ({ params, py }) =>
    `build_schedule(total_steps, peak=${py(params.peakLr)}, min_lr=${py(params.minLr)}, warmup=${py(params.warmupSteps)}, kind=${py(params.decay)})`,
};
