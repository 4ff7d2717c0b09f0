/** Small tensor comparisons for the contract suite (shapes with unknown dims, equal values). */
import type * as tfc from '@tensorflow/tfjs-core';
import { formatShape, shapesCompatible, type Shape } from '../../sdk/index.ts';
import type { TensorMap } from '../../lower/lowering.ts';

/** Why a real shape does not fit an inferred one (`null` dims match anything), or undefined. */
export function shapeMismatch(inferred: Shape, real: readonly number[]): string | undefined {
  return shapesCompatible(inferred, real) ? undefined : `infer says ${formatShape(inferred)} but apply gives ${formatShape(real)}`;
}

/** Index and values of the first element that differs by more than `atol`, or undefined. */
export async function firstDifference(a: tfc.Tensor, b: tfc.Tensor, atol: number): Promise<string | undefined> {
  if (a.shape.join() !== b.shape.join()) return `shape ${formatShape(a.shape)} vs ${formatShape(b.shape)}`;
  const [x, y] = await Promise.all([a.data(), b.data()]);
  for (let i = 0; i < x.length; i++) {
    const u = x[i]!;
    const v = y[i]!;
    const same = Number.isNaN(u) ? Number.isNaN(v) : Math.abs(u - v) <= atol;
    if (!same) return `element ${i}: ${u} vs ${v}`;
  }
  return undefined;
}

/** Differences between two tensor maps with the same keys, as messages prefixed by `what`. */
export async function mapDifferences(what: string, a: TensorMap, b: TensorMap, atol: number): Promise<string[]> {
  const out: string[] = [];
  for (const [k, t] of Object.entries(a)) {
    const u = b[k];
    if (!u) {
      out.push(`${what} "${k}" is missing from the second run`);
      continue;
    }
    const d = await firstDifference(t, u, atol);
    if (d) out.push(`${what} "${k}" differs between two identical runs (${d})`);
  }
  return out;
}

/** Whether every element of a float tensor is finite. */
export async function allFinite(t: tfc.Tensor): Promise<boolean> {
  if (t.dtype !== 'float32') return true;
  const d = await t.data();
  for (const v of d) if (!Number.isFinite(v)) return false;
  return true;
}
