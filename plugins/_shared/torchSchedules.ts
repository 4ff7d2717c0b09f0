/** The Python of `buildSchedule` (schedules.ts), shared by the PyTorch emitters of the schedule plugins. */

/** Defines `build_schedule(total, peak, min_lr, warmup, kind)`, the same rates as `buildSchedule`. */
export const BUILD_SCHEDULE_PY = `def build_schedule(total, peak, min_lr, warmup, kind):
    """Linear warm-up peak*(t+1)/W for t < W, then min_lr + (peak - min_lr)*f(u), u = (t-W)/(T-W);
    f = 1 (constant), 1 - u (linear) or (1 + cos(pi*u))/2 (cosine)."""
    w = min(max(0, warmup), total)
    d = total - w
    out = []
    for t in range(total):
        if t < w:
            out.append(peak * (t + 1) / w)
        else:
            u = (t - w) / d
            f = 1.0 if kind == "constant" else (1 - u if kind == "linear" else 0.5 * (1 + math.cos(math.pi * u)))
            out.append(min_lr + (peak - min_lr) * f)
    return out
`;
