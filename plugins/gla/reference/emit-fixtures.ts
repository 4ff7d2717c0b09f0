/**
 * Emits this plugin's own GLA fixtures from the float64 reference (gla64.ts), after checking
 * that the reference reproduces the shared fixtures. Run from the repo root:
 *   npx tsx plugins/gla/reference/emit-fixtures.ts          (check + write plugins/gla/fixtures)
 *   npx tsx plugins/gla/reference/emit-fixtures.ts --check  (check only)
 */
import type { Rng } from '../../../runtime/lower/rng.ts';
import { emitFixtures, normal, type EmitCase } from './fixtureFile.ts';
import { glaReference, type GlaRefParams, type T64 } from './gla64.ts';

function glorot(rng: Rng, shape: [number, number], gain = 1): T64 {
  const lim = gain * Math.sqrt(6 / (shape[0] + shape[1]));
  return { shape, data: Float64Array.from({ length: shape[0] * shape[1] }, () => (2 * rng.next() - 1) * lim) };
}

function weightsFor(p: GlaRefParams, rng: Rng, gateBias?: number[]): Record<string, T64> {
  const d = p.dModel;
  const dK = Math.round(d * p.expandK);
  const dV = Math.round(d * p.expandV);
  const r = p.gateLowRank;
  const g = 2 ** -2.5;
  const bias = (n: number, std: number): T64 => normal(rng, [n], std);
  return {
    W_q: glorot(rng, [d, dK], g),
    W_k: glorot(rng, [d, dK], g),
    W_v: glorot(rng, [d, dV]),
    W_a1: glorot(rng, [d, r], g),
    W_a2: glorot(rng, [r, dK], g),
    // Non-zero biases so their gradients and the gate offsets are exercised.
    b_a: gateBias ? { shape: [dK], data: Float64Array.from({ length: dK }, (_, i) => gateBias[i % gateBias.length]!) } : bias(dK, 0.5),
    W_r: glorot(rng, [d, dV]),
    b_r: bias(dV, 0.1),
    W_o: glorot(rng, [dV, d]),
  };
}

const defaults: GlaRefParams = {
  dModel: 8,
  numHeads: 4,
  expandK: 0.5,
  expandV: 1,
  gateLowRank: 16,
  gateTemperature: 16,
  normEps: 1e-5,
};

interface Case extends EmitCase<GlaRefParams> {
  readonly gateBias?: number[];
}

const cases: Case[] = [
  { name: 'gla_B1_L20_d8_H1_dk8_r4_tau8', note: 'one head, d_k = d (expandK 1), rank 4, tau 8', params: { numHeads: 1, expandK: 1, gateLowRank: 4, gateTemperature: 8 }, B: 1, L: 20 },
  { name: 'gla_B2_L37_d8_H4', note: 'default 4 heads (dk 1, dv 2), ragged length 37 (not a multiple of any chunk size)', params: {}, B: 2, L: 37 },
  { name: 'gla_B2_L37_d8_H2_extreme_gates', note: 'gate biases -100, +8, -24, +2: alpha near 0 and near 1 in the same head', params: { numHeads: 2 }, B: 2, L: 37, gateBias: [-100, 8, -24, 2] },
  { name: 'gla_B2_L23_d16_H4_expandV2_r8', note: 'd 16, 4 heads, d_v = 2d (dv 8 per head), rank 8', params: { dModel: 16, expandV: 2, gateLowRank: 8 }, B: 2, L: 23 },
  { name: 'gla_B1_L70_d8_H2', note: 'length 70: more than one default chunk (64) with a ragged tail', params: { numHeads: 2 }, B: 1, L: 70 },
];

emitFixtures(
  { plugin: 'gla', here: new URL('.', import.meta.url), defaults, reference: glaReference, cases, seed: 0x61a, weightsFor: (p, rng, c) => weightsFor(p, rng, c.gateBias) },
  process.argv,
);
