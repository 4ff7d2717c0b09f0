import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `warmup`: `buildSchedule` of plugins/_shared/schedules.ts in Python. */
export const warmupTorch: TorchEmitter = {
  source: `def warmup_schedule(total, peak, warmup, decay, min_lr):
    """Netwright "warmup": linear warm-up peak*(t+1)/W, then constant, linear or cosine decay to min_lr."""
    w = min(max(0, warmup), total)
    d = total - w
    out = []
    for t in range(total):
        if t < w:
            out.append(peak * (t + 1) / w)
        else:
            u = (t - w) / d
            f = 1.0 if decay == "constant" else (1 - u if decay == "linear" else 0.5 * (1 + math.cos(math.pi * u)))
            out.append(min_lr + (peak - min_lr) * f)
    return out
`,
  construct: ({ params, py }) =>
    `warmup_schedule(total_steps, peak=${py(params.peakLr)}, warmup=${py(params.warmupSteps)}, decay=${py(params.decay)}, min_lr=${py(params.minLr)})`,
};
