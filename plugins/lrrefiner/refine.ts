/**
 * The LR-schedule refinement of Defazio et al. (spec §4–§5) as plain float64 functions: no
 * tfjs, so the schedule node, the fixture call and the editor's preview share one code path.
 */

/** Options of {@link refineSchedule}. */
export interface RefineOptions {
  /** Median-filter width as a fraction of T, in (0, 1]. */
  readonly tau: number;
  /** 'l2': w = ĝ⁻² (SGD); 'l1': w = ĝ⁻¹ (Adam-style, ℓ1 norms). */
  readonly norm: 'l2' | 'l1';
  /** Length of the new schedule; undefined or equal to T means no resampling. */
  readonly newT?: number;
}

/** Everything the refinement computes, for plotting and fixtures. */
export interface Refinement {
  /** Odd median-filter width. */
  readonly width: number;
  /** Median-smoothed norms ĝ (after resampling when newT ≠ T). */
  readonly smoothed: Float64Array;
  /** η_t = w_t Σ_{p>t} w_p before normalisation. */
  readonly eta: Float64Array;
  /** η / max η: peak 1, last entry 0. */
  readonly schedule: Float64Array;
}

/** Drops non-finite entries; throws unless at least 2 remain and all are > 0 (spec §3). */
export function cleanNorms(norms: ArrayLike<number>): Float64Array {
  const kept = Array.from(norms).filter((v) => Number.isFinite(v));
  if (kept.length < 2) throw new Error(`needs at least 2 finite gradient norms, got ${kept.length}`);
  const bad = kept.findIndex((v) => v <= 0);
  if (bad >= 0) throw new Error(`gradient norms must be > 0 (entry ${bad} is ${kept[bad]})`);
  return Float64Array.from(kept);
}

/** Odd filter width 2·floor(floor(τT)/2)+1. */
export function filterWidth(tau: number, n: number): number {
  return 2 * Math.floor(Math.floor(tau * n) / 2) + 1;
}

/** Median filter with 'nearest' start and 'reflect' (edge not repeated) end, as the authors' recipe. */
export function medianSmooth(g: Float64Array, width: number): Float64Array {
  const n = g.length;
  const h = Math.min(Math.floor(width / 2), n - 1);
  const idx = (i: number): number => (i < 0 ? 0 : i <= n - 1 ? i : 2 * (n - 1) - i);
  const out = new Float64Array(n);
  const win = new Float64Array(2 * h + 1);
  for (let t = 0; t < n; t++) {
    for (let j = -h; j <= h; j++) win[j + h] = g[idx(t + j)]!;
    win.sort();
    out[t] = win[h]!;
  }
  return out;
}

/** Linear interpolation of `g` (on linspace(0,1,T)) at linspace(0,1,newT), like np.interp. */
export function resample(g: Float64Array, newT: number): Float64Array {
  const n = g.length;
  const out = new Float64Array(newT);
  for (let i = 0; i < newT; i++) {
    const pos = newT === 1 ? 0 : (i / (newT - 1)) * (n - 1);
    const lo = Math.min(Math.floor(pos), n - 2);
    const frac = pos - lo;
    out[i] = g[lo]! * (1 - frac) + g[lo + 1]! * frac;
  }
  return out;
}

/** Refines a schedule from a previous run's gradient norms (already cleaned). */
export function refineSchedule(norms: Float64Array, opts: RefineOptions): Refinement {
  const width = filterWidth(opts.tau, norms.length);
  let smoothed = medianSmooth(norms, width);
  if (opts.newT !== undefined && opts.newT !== norms.length) smoothed = resample(smoothed, opts.newT);
  const n = smoothed.length;
  const w = smoothed.map((v) => (opts.norm === 'l2' ? 1 / (v * v) : 1 / v));
  const eta = new Float64Array(n);
  let suffix = 0; // Σ_{p>t} w_p, accumulated from the end: positive terms, no cancellation
  for (let t = n - 1; t >= 0; t--) {
    eta[t] = w[t]! * suffix;
    suffix += w[t]!;
  }
  let max = 0;
  for (const v of eta) max = Math.max(max, v);
  const schedule = eta.map((v) => (max > 0 ? v / max : 0));
  return { width, smoothed, eta, schedule };
}

/** The linear-decay default (spec §5), normalised to peak 1: warm-up W then 1 − (t−W)/(T−W). */
export function linearDecay(n: number, warmupSteps: number): Float64Array {
  const out = new Float64Array(n);
  const w = Math.min(warmupSteps, n);
  for (let t = 0; t < n; t++) out[t] = t < w ? (t + 1) / w : 1 - (t - w) / (n - w);
  return out;
}
