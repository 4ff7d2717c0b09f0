import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { BUILD_SCHEDULE_PY } from '../_shared/torchSchedules.ts';

/** PyTorch emitter of `constant-lr`: `buildSchedule` as its lowering calls it. */
export const constantLrTorch: TorchEmitter = {
  source: BUILD_SCHEDULE_PY,
  construct: ({ params, py }) =>
    `build_schedule(total_steps, peak=${py(params.peakLr)}, min_lr=${py(params.peakLr)}, warmup=0, kind="constant")`,
};
