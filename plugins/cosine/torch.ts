import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { BUILD_SCHEDULE_PY } from '../_shared/torchSchedules.ts';

/** PyTorch emitter of `cosine`: `buildSchedule` as its lowering calls it. */
export const cosineTorch: TorchEmitter = {
  source: BUILD_SCHEDULE_PY,
  construct: ({ params, py }) =>
    `build_schedule(total_steps, peak=${py(params.peakLr)}, min_lr=${py(params.minLr)}, warmup=0, kind="cosine")`,
};
