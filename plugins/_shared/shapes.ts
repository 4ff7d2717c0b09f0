/**
 * Shape arithmetic shared by the built-in specs. Declarative (no tfjs): specs import it for
 * `infer`, lowerings for the same numbers at run time, so both always agree.
 */
import type { Dim, Shape } from '../../runtime/sdk/index.ts';

/** Product of the dims after the batch axis, or `null` when one of them is unknown. */
export function perExampleSize(shape: Shape): number | null {
  let n = 1;
  for (const d of shape.slice(1)) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

/** Product of known dims after the batch axis, treating unknown ones as 1 (for FLOP estimates). */
export function knownPerExample(shape: Shape, dropLast = 0): number {
  let n = 1;
  for (const d of shape.slice(1, shape.length - dropLast)) n *= d ?? 1;
  return n;
}

/** Resolves a possibly negative axis against a rank; `undefined` when out of range. */
export function normaliseAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? rank + axis : axis;
  return a >= 0 && a < rank ? a : undefined;
}

/**
 * NumPy broadcasting of two shapes (unknown dims broadcast with anything of size 1 or equal).
 * @returns the broadcast shape, or a message saying which axis disagrees.
 */
export function broadcastShapes(a: Shape, b: Shape): Shape | string {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : (a[i - (rank - a.length)] ?? null);
    const db = i < rank - b.length ? 1 : (b[i - (rank - b.length)] ?? null);
    if (da === 1) out.push(db);
    else if (db === 1) out.push(da);
    else if (da === null || db === null) out.push(da ?? db);
    else if (da === db) out.push(da);
    else return `axis ${i} has size ${da} in one input and ${db} in the other`;
  }
  return out;
}

/** Padding modes of convolutions and pools. `causal` pads only the start (1-D only). */
export type Padding = 'same' | 'valid' | 'causal';

/**
 * Output length of a convolution or pool along one axis (TF.js / Keras conventions):
 * `same` and `causal` give ceil(n / s); `valid` gives ceil((n - (k-1)·d) / s).
 * @returns the length, `null` when the input length is unknown, or 0 when the window does
 * not fit (callers report that).
 */
export function convOutLength(
  n: Dim,
  kernel: number,
  stride: number,
  dilation: number,
  padding: Padding,
): Dim {
  if (n === null) return null;
  if (padding === 'valid') return Math.max(0, Math.ceil((n - (kernel - 1) * dilation) / stride));
  return Math.ceil(n / stride);
}

/**
 * Zeros to add before and after an axis so that a `valid` convolution over the padded axis
 * gives {@link convOutLength} outputs (TF's split: the extra zero goes after).
 */
export function convPadding(
  n: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: Padding,
): [number, number] {
  const span = (kernel - 1) * dilation + 1;
  if (padding === 'valid') return [0, 0];
  if (padding === 'causal') return [span - 1, 0];
  const out = Math.ceil(n / stride);
  const total = Math.max(0, (out - 1) * stride + span - n);
  const before = Math.floor(total / 2);
  return [before, total - before];
}
