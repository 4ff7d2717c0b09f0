/**
 * Bounded, append-only curve buffers for live charts. A run may last millions of steps; a chart
 * needs a few thousand points. Each buffer keeps at most `cap` points: when full, neighbouring
 * points are merged in pairs and the bucket width (`stride`, raw points per kept point) doubles.
 * Appending is O(1) amortised, memory is O(cap), and the shape of the curve is kept (each kept
 * point is the mean of its bucket, placed at the bucket's last step).
 */

/** A downsampled curve. Plain data: it is stored with the run in IndexedDB as is. */
export interface Curve {
  /** Most points kept (even). */
  readonly cap: number;
  /** Raw points merged into each kept point. */
  stride: number;
  /** Step of each kept point (the last step of its bucket). */
  readonly x: number[];
  /** Mean value of each kept point. */
  readonly y: number[];
  /** The bucket being filled: sum of values, count, last step. */
  accY: number;
  accN: number;
  accX: number;
  /** Raw points appended so far (non-finite values are not counted). */
  count: number;
}

/** Default number of kept points: enough for a full-width chart, cheap to redraw. */
export const DEFAULT_CURVE_CAP = 2048;

/** Creates an empty curve. */
export function createCurve(cap: number = DEFAULT_CURVE_CAP): Curve {
  const even = Math.max(2, cap - (cap % 2));
  return { cap: even, stride: 1, x: [], y: [], accY: 0, accN: 0, accX: 0, count: 0 };
}

function compact(c: Curve): void {
  const n = Math.floor(c.x.length / 2);
  for (let i = 0; i < n; i++) {
    c.x[i] = c.x[2 * i + 1]!;
    c.y[i] = (c.y[2 * i]! + c.y[2 * i + 1]!) / 2;
  }
  c.x.length = n;
  c.y.length = n;
  c.stride *= 2;
}

/**
 * Appends one raw point. Non-finite values are skipped (a NaN step is reported on its own; it
 * must not poison a bucket mean). Steps must not decrease.
 */
export function appendPoint(c: Curve, x: number, y: number): void {
  if (!Number.isFinite(y)) return;
  c.count++;
  c.accY += y;
  c.accN++;
  c.accX = x;
  if (c.accN < c.stride) return;
  c.x.push(c.accX);
  c.y.push(c.accY / c.accN);
  c.accY = 0;
  c.accN = 0;
  if (c.x.length >= c.cap) compact(c);
}

/** The points to draw: the kept points plus the partly filled bucket, as new arrays. */
export function curvePoints(c: Curve): { x: number[]; y: number[] } {
  const x = c.x.slice();
  const y = c.y.slice();
  if (c.accN > 0) {
    x.push(c.accX);
    y.push(c.accY / c.accN);
  }
  return { x, y };
}

/** The last value appended (or undefined when empty). */
export function lastValue(c: Curve): number | undefined {
  if (c.accN > 0) return c.accY / c.accN;
  return c.y[c.y.length - 1];
}

/**
 * Puts several curves on one x axis for uPlot: the sorted union of their steps, each curve's
 * values at those steps and `null` where it has no point (drawn with `spanGaps`). Each curve's
 * steps are ascending (appends never go back), so this is a linear merge: it runs on every
 * chart redraw.
 */
export function alignCurves(curves: readonly { readonly x: readonly number[]; readonly y: readonly number[] }[]): [number[], ...(number | null)[][]] {
  let x: number[] = [];
  for (const c of curves) x = mergeSorted(x, c.x);
  const ys = curves.map((c) => {
    const row: (number | null)[] = new Array<number | null>(x.length).fill(null);
    let j = 0;
    for (let i = 0; i < c.x.length; i++) {
      const v = c.x[i]!;
      while (j < x.length && x[j]! < v) j++;
      row[j] = c.y[i]!;
    }
    return row;
  });
  return [x, ...ys];
}

/** The ascending union (without repeats) of two ascending arrays. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  const push = (v: number): void => {
    if (out.length === 0 || out[out.length - 1]! < v) out.push(v);
  };
  while (i < a.length && j < b.length) push(a[i]! <= b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) push(a[i++]!);
  while (j < b.length) push(b[j++]!);
  return out;
}
