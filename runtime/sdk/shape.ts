/**
 * Shapes as the plugin SDK sees them. `null` is a dimension only known when data flows (the
 * batch axis, a sequence length fed at run time); every weight shape is fully known.
 */

/** One dimension: a size, or `null` when unknown until run time. */
export type Dim = number | null;

/** A tensor shape. */
export type Shape = readonly Dim[];

/** Element types a port can carry. */
export type DType = 'float32' | 'int32';

/** Shape as text, `[?, 2]` for a batch of 2-vectors. */
export function formatShape(shape: Shape): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** Number of elements, or `null` when a dimension is unknown. */
export function shapeSize(shape: Shape): number | null {
  let n = 1;
  for (const d of shape) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

/** Two dims agree when either is unknown or both are equal. */
export function dimsCompatible(a: Dim, b: Dim): boolean {
  return a === null || b === null || a === b;
}

/** Two shapes agree when they have the same rank and every dim agrees. */
export function shapesCompatible(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => dimsCompatible(d, b[i] ?? null));
}
