import type { TorchEmitContext, TorchEmitter } from '../../runtime/sdk/index.ts';

/**
 * Python of `refine.ts` and `scheduleFor` (lower.ts), float64 as there: clean the norms,
 * median-smooth ('nearest' start, 'reflect' end), resample with np.interp's rule, w = ĝ⁻² or
 * ĝ⁻¹, η_t = w_t·Σ_{p>t} w_p, peak 1; the linear-decay default without norms.
 */
const SOURCE = `
def lr_refiner_schedule(total_steps, peak, tau, norm, warmup, new_t=0, grad_norms=None):
    """The LR refiner's rates for a run of total_steps (Defazio et al.): refined from the previous
    run's gradient norms when given, else linear decay after a linear warm-up; times peak."""
    if new_t != 0 and new_t != total_steps:
        raise ValueError(f"lrrefiner: newT is {new_t} but the run has {total_steps} steps; set newT to 0 or to {total_steps}")
    n = total_steps
    if grad_norms is None:
        w = min(warmup, n)
        unit = [(t + 1) / w if t < w else 1 - (t - w) / (n - w) for t in range(n)]
        return [s * peak for s in unit]
    g = [float(v) for v in grad_norms if math.isfinite(v)]
    if len(g) < 2:
        raise ValueError(f"lrrefiner: needs at least 2 finite gradient norms, got {len(g)}")
    if any(v <= 0 for v in g):
        raise ValueError("lrrefiner: gradient norms must be > 0")
    width = 2 * (math.floor(tau * len(g)) // 2) + 1
    m = len(g)
    h = min(width // 2, m - 1)
    idx = lambda i: 0 if i < 0 else (i if i <= m - 1 else 2 * (m - 1) - i)
    smoothed = [sorted(g[idx(t + j)] for j in range(-h, h + 1))[h] for t in range(m)]
    if n != m:
        resampled = []
        for i in range(n):
            pos = 0 if n == 1 else (i / (n - 1)) * (m - 1)
            lo = min(math.floor(pos), m - 2)
            frac = pos - lo
            resampled.append(smoothed[lo] * (1 - frac) + smoothed[lo + 1] * frac)
        smoothed = resampled
    w = [1 / (v * v) if norm == "l2" else 1 / v for v in smoothed]
    eta = [0.0] * n
    suffix = 0.0
    for t in range(n - 1, -1, -1):
        eta[t] = w[t] * suffix
        suffix += w[t]
    top = max(eta)
    return [(v / top if top > 0 else 0.0) * peak for v in eta]
`;

/** The saved norms the lowering refines from (`savedNorms` in lower.ts): same norm kind, ≥ 2 numbers. */
function savedNorms(ctx: TorchEmitContext): number[] | undefined {
  const data = ctx.data ?? {};
  const g = data.gradNorms;
  if (data.normKind !== ctx.params.norm || !Array.isArray(g)) return undefined;
  const nums = g.filter((v): v is number => typeof v === 'number');
  return nums.length >= 2 ? nums : undefined;
}

/**
 * PyTorch emitter of `lrrefiner`: the schedule `netwright train` computes from the graph file,
 * refined from the norms saved in the node's data (the previous run), else linear decay. The
 * exported run does not save new norms back (the next refinement happens in Netwright).
 */
export const lrRefinerTorch: TorchEmitter = {
  source: SOURCE,
  construct: (ctx) => {
    const { params, py } = ctx;
    const norms = savedNorms(ctx);
    return `lr_refiner_schedule(total_steps, peak=${py(params.peakLr)}, tau=${py(params.tau)}, norm=${py(params.norm)}, warmup=${py(params.warmupSteps)}, new_t=${py(params.newT)}, grad_norms=${norms ? py(norms) : 'None'})`;
  },
};
