/**
 * Emits this plugin's own LSSL fixtures from the float64 reference (lssl64.ts), after checking
 * that the reference reproduces the shared fixtures. Run from the repo root:
 *   npx tsx plugins/lssl/reference/emit-fixtures.ts          (check + write plugins/lssl/fixtures)
 *   npx tsx plugins/lssl/reference/emit-fixtures.ts --check  (check only)
 */
import type { Rng } from '../../../runtime/lower/rng.ts';
import { emitFixtures, normal, type EmitCase } from '../../gla/reference/fixtureFile.ts';
import type { T64 } from '../../gla/reference/gla64.ts';
import { hippo64, lsslReference, type LsslRefParams } from './lssl64.ts';

interface FullParams extends LsslRefParams {
  readonly dtMin: number;
  readonly dtMax: number;
  readonly learnDt: boolean;
}

const defaults: FullParams = {
  dModel: 3,
  dOut: 3,
  stateSize: 8,
  channels: 1,
  timescales: 1,
  measure: 'legs',
  gbtAlpha: 0.5,
  dtMin: 1e-2,
  dtMax: 1,
  learnDt: true,
  learnA: false,
  activation: 'gelu',
};

function weightsFor(p: FullParams, rng: Rng): Record<string, T64> {
  const { dModel: H, stateSize: N, timescales: S, channels: M } = p;
  const out = p.dOut === 0 ? H : p.dOut;
  const { A, B } = hippo64(p.measure, N);
  const lo = Math.log(p.dtMin);
  const hi = Math.log(p.dtMax);
  const lim = Math.sqrt(6 / (H * S * M + out));
  return {
    A: { shape: [N, N], data: A },
    B: { shape: [N], data: B },
    log_dt: { shape: [H, S], data: Float64Array.from({ length: H * S }, () => lo + (hi - lo) * rng.next()) },
    C: normal(rng, [H, S, M, N]),
    D: normal(rng, [H, S, M]),
    W_out: { shape: [H * S * M, out], data: Float64Array.from({ length: H * S * M * out }, () => (2 * rng.next() - 1) * lim) },
    b_out: normal(rng, [out], 0.1),
  };
}

const cases: EmitCase<FullParams>[] = [
  { name: 'lssl_legt_B2_L37_H3_M2_out5', note: 'LegT (Gauss-Jordan path), 2 channels, dOut 5, ragged length 37', params: { measure: 'legt', channels: 2, dOut: 5 }, B: 2, L: 37 },
  { name: 'lssl_legs_learnA_B2_L16_H2_S2', note: 'learnA on LegS: gradient of A masked to the lower triangle, dense gradient of B; 2 timescales', params: { dModel: 2, dOut: 2, timescales: 2, learnA: true }, B: 2, L: 16 },
  { name: 'lssl_legt_learnA_B1_L16_H2', note: 'learnA on LegT: dense gradients of A and B', params: { dModel: 2, dOut: 2, measure: 'legt', learnA: true }, B: 1, L: 16 },
  { name: 'lssl_legs_alpha1_none_B2_L20_H3', note: 'backward Euler (alpha 1), no activation, the paper dt range 1e-3..1e-1', params: { gbtAlpha: 1, activation: 'none', dtMin: 1e-3, dtMax: 1e-1 }, B: 2, L: 20 },
  { name: 'lssl_legs_B1_L70_H2_S3_M2', note: '3 timescales x 2 channels, length 70 (FFT size 256: the four-step path)', params: { dModel: 2, dOut: 4, timescales: 3, channels: 2 }, B: 1, L: 70 },
  { name: 'lssl_legs_fixedDt_B2_L16_H3_N16', note: 'learnDt false (no log_dt gradient), N 16', params: { learnDt: false, stateSize: 16 }, B: 2, L: 16 },
];

function trainableGrads(p: FullParams, g: Record<string, T64>): Record<string, T64> {
  const names = [...(p.learnA ? ['A', 'B'] : []), ...(p.learnDt ? ['log_dt'] : []), 'C', 'D', 'W_out', 'b_out'];
  return Object.fromEntries(names.map((n) => [n, g[n]!]));
}

emitFixtures(
  {
    plugin: 'lssl',
    here: new URL('.', import.meta.url),
    defaults,
    reference: lsslReference,
    cases,
    seed: 0x551,
    weightsFor,
    outWidth: (p) => (p.dOut === 0 ? p.dModel : p.dOut),
    trainableGrads,
  },
  process.argv,
);
