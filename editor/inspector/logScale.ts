/** Mapping between a log-scale slider position (0..1) and a value in [min, max]. */

/** Slider resolution: positions are integers 0..STEPS. */
export const LOG_STEPS = 1000;

function bounds(min: number | undefined, max: number | undefined, value: number): [number, number] {
  const lo = min !== undefined && min > 0 ? min : Math.min(1e-6, value > 0 ? value : 1e-6);
  const hi = max !== undefined && max > lo ? max : Math.max(lo * 1e6, value);
  return [lo, hi];
}

/** Slider position (0..LOG_STEPS) of a value. */
export function toLogPosition(value: number, min: number | undefined, max: number | undefined): number {
  const [lo, hi] = bounds(min, max, value);
  const v = Math.min(Math.max(value, lo), hi);
  return Math.round((Math.log(v / lo) / Math.log(hi / lo)) * LOG_STEPS);
}

/** Value at a slider position, rounded to integers when `integer`, else to 3 significant digits. */
export function fromLogPosition(pos: number, min: number | undefined, max: number | undefined, integer: boolean, current: number): number {
  const [lo, hi] = bounds(min, max, current);
  const v = lo * Math.pow(hi / lo, pos / LOG_STEPS);
  return integer ? Math.max(Math.round(v), Math.ceil(lo)) : Number(v.toPrecision(3));
}
