/**
 * Writing fixture files (format of docs/fixtures.md) from float64
 * reference results, and reading shared ones back as float64. Script-side helper, no tfjs;
 * `emitFixtures` is the whole emit-fixtures script of GLA and LSSL.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRng, type Rng } from '../../../runtime/lower/rng.ts';
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

/** A float64 tensor of `shape` with entries drawn from N(0, std²). */
export function normal(rng: Rng, shape: number[], std = 1): T64 {
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: n }, () => std * rng.normal()) };
}

/** A float64 reference layer: y and the gradients of Σ y·cot. */
type Reference<P> = (p: P, weights: Record<string, T64>, x: T64, cot: T64) => { readonly y: T64; readonly gradX: T64; readonly gradW: Record<string, T64> };

/** One fixture to write: params over the defaults, batch B and length L. */
export interface EmitCase<P> {
  readonly name: string;
  readonly note: string;
  readonly params: Partial<P>;
  readonly B: number;
  readonly L: number;
}

/** What a plugin's emit-fixtures script supplies. */
export interface FixtureEmitter<P extends { readonly dModel: number }, C extends EmitCase<P>> {
  readonly plugin: string;
  /** The reference folder (`new URL('.', import.meta.url)` of the script). */
  readonly here: URL;
  readonly defaults: P;
  readonly reference: Reference<P>;
  readonly cases: readonly C[];
  /** Each case's rng is seeded with `seed + L·131 + B`. */
  readonly seed: number;
  /** Weights for one case, drawn from its rng before x and the cotangent. */
  weightsFor(p: P, rng: Rng, c: C): Record<string, T64>;
  /** Width of y (default dModel). */
  outWidth?(p: P): number;
  /** The gradients the fixture lists: exactly the trainable weights (default all). */
  trainableGrads?(p: P, gradW: Record<string, T64>): Record<string, T64>;
}

/** Fixture JSON as read back for the shared-fixture check. */
interface SharedFixture<P> {
  params: P;
  weights: Record<string, { shape: number[]; data: number[] }>;
  inputs: { x: { shape: number[]; data: number[] } };
  cotangents: { y: { shape: number[]; data: number[] } };
  expect: { outputs: { y: { data: number[] } }; grads: { inputs: { x: { data: number[] } }; weights: Record<string, { data: number[] }> } };
}

/**
 * Checks that the reference reproduces every shared fixture of the plugin
 * (`test/fixtures/reference/<plugin>/`, throws past max|Δy| 1e-10 or max|Δgrad| 1e-9), then,
 * unless `argv` holds `--check`, writes each case to `../fixtures/<name>.json`.
 */
export function emitFixtures<P extends { readonly dModel: number }, C extends EmitCase<P>>(e: FixtureEmitter<P, C>, argv: readonly string[]): void {
  const sharedDir = new URL(`../../../test/fixtures/reference/${e.plugin}/`, e.here);
  const outDir = new URL('../fixtures/', e.here);
  for (const f of readdirSync(sharedDir).filter((n) => n.endsWith('.json'))) {
    const fx = JSON.parse(readFileSync(new URL(f, sharedDir), 'utf8')) as SharedFixture<P>;
    const w: Record<string, T64> = {};
    for (const [k, v] of Object.entries(fx.weights)) w[k] = fromJson(v);
    const r = e.reference({ ...e.defaults, ...fx.params }, w, fromJson(fx.inputs.x), fromJson(fx.cotangents.y));
    let g = maxDiff(r.gradX, fx.expect.grads.inputs.x);
    for (const [k, t] of Object.entries(fx.expect.grads.weights)) g = Math.max(g, maxDiff(r.gradW[k]!, t));
    const y = maxDiff(r.y, fx.expect.outputs.y);
    console.log(`shared ${f}: max|Δy| = ${y.toExponential(2)}, max|Δgrad| = ${g.toExponential(2)}`);
    if (y > 1e-10 || g > 1e-9) throw new Error(`reference disagrees with shared fixture ${f}`);
  }
  if (argv.includes('--check')) return;
  for (const c of e.cases) {
    const rng = createRng(e.seed + c.L * 131 + c.B);
    const p: P = { ...e.defaults, ...c.params };
    const weights = e.weightsFor(p, rng, c);
    const x = normal(rng, [c.B, c.L, p.dModel]);
    const cot = normal(rng, [c.B, c.L, e.outWidth?.(p) ?? p.dModel]);
    const r = e.reference(p, weights, x, cot);
    const gradW = e.trainableGrads?.(p, r.gradW) ?? r.gradW;
    const fx = fixtureJson({ plugin: e.plugin, caseName: c.name, note: c.note, params: { ...p }, weights, x, cot, y: r.y, gradX: r.gradX, gradW });
    writeFileSync(new URL(`${c.name}.json`, outDir), JSON.stringify(fx) + '\n');
    console.log(`wrote ${c.name}.json`);
  }
}
