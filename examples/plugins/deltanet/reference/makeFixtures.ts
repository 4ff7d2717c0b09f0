/**
 * Writes fixtures/examples.deltanet/*.json from the float64 reference. Run:
 *   npx tsx examples/plugins/deltanet/reference/makeFixtures.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { centralDifferences, deltanetForward, type DeltaNetParams, type DeltaNetWeights } from './deltanet.ts';

/** A reproducible stream of values in [-scale, scale) (its own LCG: no project code). */
function values(seed: number, count: number, scale: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.round(((s / 2 ** 32) * 2 - 1) * scale * 1e4) / 1e4;
  });
}

interface Case {
  readonly name: string;
  readonly note: string;
  readonly params: DeltaNetParams;
  readonly B: number;
  readonly T: number;
  readonly d: number;
  readonly mode: 'train' | 'eval';
  readonly grads: boolean;
  readonly seed: number;
}

const CASES: readonly Case[] = [
  { name: 'unit-range', note: 'beta in (0,1), 2 heads, 6 steps: outputs and every gradient', params: { heads: 2, headDim: 3, units: 4, negativeEigenvalues: false }, B: 2, T: 6, d: 3, mode: 'train', grads: true, seed: 1 },
  { name: 'negative-eigenvalues', note: 'beta in (0,2), strong beta logits so transitions reflect: outputs and every gradient', params: { heads: 2, headDim: 3, units: 4, negativeEigenvalues: true }, B: 2, T: 6, d: 3, mode: 'train', grads: true, seed: 2 },
  { name: 'long-one-head', note: 'beta in (0,2), 1 head of size 4, 24 steps, outputs only', params: { heads: 1, headDim: 4, units: 3, negativeEigenvalues: true }, B: 2, T: 24, d: 2, mode: 'eval', grads: false, seed: 3 },
];

function tensor(shape: number[], data: number[]): { shape: number[]; data: number[] } {
  return { shape, data };
}

function fixture(c: Case): object {
  const { heads: H, headDim: n, units: U } = c.params;
  const w: DeltaNetWeights = {
    wq: values(c.seed * 10 + 1, c.d * H * n, 0.9),
    wk: values(c.seed * 10 + 2, c.d * H * n, 0.9),
    wv: values(c.seed * 10 + 3, c.d * H * n, 0.9),
    // Positive beta logits in the negative case, so 1 − β mostly goes below zero.
    wBeta: values(c.seed * 10 + 4, c.d * H, 1),
    bBeta: values(c.seed * 10 + 5, H, 0.5).map((b) => (c.params.negativeEigenvalues ? b + 1.5 : b)),
    wo: values(c.seed * 10 + 6, H * n * U, 0.8),
  };
  const x = values(c.seed * 10 + 7, c.B * c.T * c.d, 1);
  const cot = values(c.seed * 10 + 8, c.B * c.T * U, 1);
  const forward = (): number[] => deltanetForward(c.params, w, x, c.B, c.T, c.d);
  const loss = (): number => forward().reduce((a, y, i) => a + y * cot[i]!, 0);
  const y = forward();
  const shapes: Record<keyof DeltaNetWeights, number[]> = { wq: [c.d, H * n], wk: [c.d, H * n], wv: [c.d, H * n], wBeta: [c.d, H], bBeta: [H], wo: [H * n, U] };
  const names = Object.keys(shapes) as (keyof DeltaNetWeights)[];
  const weights = Object.fromEntries(names.map((k) => [k, tensor(shapes[k], [...w[k]])]));
  const base = {
    format: 'netwright.fixture',
    version: 1,
    plugin: 'examples.deltanet',
    call: 'apply',
    name: `examples.deltanet/${c.name}`,
    note: c.note,
    params: c.params,
    mode: c.mode,
    weights,
    inputs: { x: tensor([c.B, c.T, c.d], x) },
  };
  const outputs = { y: tensor([c.B, c.T, U], y) };
  // Float32 recurrences over these lengths stay within ~1e-6 (measured); 20x margin.
  const tolerance = { atol: 2e-5, rtol: 2e-5 };
  if (!c.grads) return { ...base, expect: { outputs }, tolerance };
  const gx = centralDifferences(x, loss);
  const gw = Object.fromEntries(names.map((k) => [k, tensor(shapes[k], centralDifferences(w[k], loss))]));
  return {
    ...base,
    cotangents: { y: tensor([c.B, c.T, U], cot) },
    expect: { outputs, grads: { inputs: { x: tensor([c.B, c.T, c.d], gx) }, weights: gw } },
    tolerance,
  };
}

for (const c of CASES) {
  const out = new URL(`../fixtures/examples.deltanet/${c.name}.json`, import.meta.url);
  writeFileSync(out, JSON.stringify(fixture(c), null, 1) + '\n');
  console.log(`wrote ${fileURLToPath(out)}`);
}
