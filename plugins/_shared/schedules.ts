/**
 * Learning-rate schedule formulas shared by the schedule plugins. Steps count from 0 to T-1;
 * decays use t/T (not t/(T-1)) so the last step keeps a small positive rate, matching the LR
 * refiner's linear default. Pure functions of numbers: no tfjs.
 */
import type { FloatParam, PortSpec } from '../../runtime/sdk/index.ts';

/** The output every schedule node has. */
export const scheduleOutputs: Readonly<Record<string, PortSpec>> = {
  lr: { kind: 'schedule', doc: 'One learning rate per step; wire it to an optimiser\'s "lr" input.' },
};

/** The peak (or constant) learning rate param. */
export const peakLrParam: FloatParam = {
  kind: 'float',
  default: 1e-3,
  min: 1e-7,
  max: 10,
  log: true,
  label: 'Peak LR',
  doc: 'The largest learning rate of the schedule.',
};

/** The floor of decaying schedules. */
export const minLrParam: FloatParam = {
  kind: 'float',
  default: 0,
  min: 0,
  max: 10,
  label: 'Min LR',
  doc: 'The rate the decay approaches at the last step.',
};

/** How a schedule decays after its warm-up. */
export type DecayKind = 'constant' | 'linear' | 'cosine';

/** Decay factor in [0, 1] at fraction `u` in [0, 1) of the decay phase. */
export function decayFactor(kind: DecayKind, u: number): number {
  if (kind === 'constant') return 1;
  if (kind === 'linear') return 1 - u;
  return 0.5 * (1 + Math.cos(Math.PI * u));
}

/**
 * A full schedule: linear warm-up `peak·(t+1)/W` for t < W, then `min + (peak-min)·f(u)` with
 * u = (t-W)/(T-W).
 */
export function buildSchedule(
  total: number,
  peak: number,
  min: number,
  warmup: number,
  kind: DecayKind,
): Float32Array {
  const out = new Float32Array(Math.max(0, total));
  const w = Math.min(Math.max(0, warmup), total);
  const d = total - w;
  for (let t = 0; t < total; t++) {
    out[t] = t < w ? (peak * (t + 1)) / w : min + (peak - min) * decayFactor(kind, (t - w) / d);
  }
  return out;
}
