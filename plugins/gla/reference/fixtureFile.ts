/**
 * Writing fixture files (format of ../../../../shared/fixtures/README.md) from float64
 * reference results, and reading shared ones back as float64. Script-side helper, no tfjs.
 */
import type { T64 } from './gla64.ts';

/** A tensor as written in a fixture. */
interface JsonTensor {
  shape: number[];
  data: number[];
}

/** A T64 as fixture JSON. */
export function toJson(t: T64): JsonTensor {
  return { shape: [...t.shape], data: Array.from(t.data) };
}

/** Fixture JSON tensor as a T64. */
export function fromJson(t: { shape: number[]; data: number[] }): T64 {
  return { shape: t.shape, data: Float64Array.from(t.data) };
}

/** The largest |x| of a tensor. */
export function maxAbs(t: T64): number {
  let m = 0;
  for (const v of t.data) m = Math.max(m, Math.abs(v));
  return m;
}

/** The largest |a − b| of two tensors of the same size. */
export function maxDiff(a: T64, b: { data: ArrayLike<number> }): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
}

/** What one fixture case holds. */
export interface FixtureCase {
  readonly plugin: string;
  readonly caseName: string;
  readonly note: string;
  readonly params: Record<string, number | string | boolean>;
  readonly weights: Record<string, T64>;
  readonly x: T64;
  readonly cot: T64;
  readonly y: T64;
  readonly gradX: T64;
  /** Gradients of exactly the trainable weights. */
  readonly gradW: Record<string, T64>;
}

/**
 * The fixture object: y within 1e-4 + 1e-3·|ref|; every gradient tensor within
 * 1e-3·max(1, max|ref|) (the spec's tolerances for GLA and LSSL).
 */
export function fixtureJson(c: FixtureCase): object {
  const overrides: Record<string, { atol: number; rtol: number }> = {};
  const bound = (t: T64): { atol: number; rtol: number } => ({ atol: Number((1e-3 * Math.max(1, maxAbs(t))).toPrecision(3)), rtol: 0 });
  overrides['grads.inputs.x'] = bound(c.gradX);
  const gw: Record<string, JsonTensor> = {};
  for (const [n, t] of Object.entries(c.gradW)) {
    gw[n] = toJson(t);
    overrides[`grads.weights.${n}`] = bound(t);
  }
  const weights: Record<string, JsonTensor> = {};
  for (const [n, t] of Object.entries(c.weights)) weights[n] = toJson(t);
  return {
    format: 'netwright.fixture',
    version: 1,
    plugin: c.plugin,
    call: 'apply',
    name: `${c.plugin}/${c.caseName}`,
    note: c.note,
    params: c.params,
    mode: 'eval',
    weights,
    inputs: { x: toJson(c.x) },
    cotangents: { y: toJson(c.cot) },
    expect: { outputs: { y: toJson(c.y) }, grads: { inputs: { x: toJson(c.gradX) }, weights: gw } },
    tolerance: { atol: 1e-4, rtol: 1e-3, overrides },
  };
}
