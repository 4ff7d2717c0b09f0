/**
 * The LR refiner's own fixtures from the float64 reference: decaying norms (a warm-up
 * emerges), spiky norms with τ 0.3 and a small peak, ℓ1 weights, T = 7 (width 1),
 * resampling 200 → 80, and the linear-decay default with and without warm-up.
 * `npx tsx plugins/lrrefiner/reference/cases.ts` rewrites them.
 */
import { join } from 'node:path';
import type { Fixture } from '../../../runtime/exec/fixtures/index.ts';
import { createRng } from '../../../runtime/lower/rng.ts';
import { refTensor, writeFixture } from '../../paper.testkit.ts';
import { linearDecayReference, refineReference } from './lrrefiner.ts';

type OwnFixture = Omit<Fixture, 'format' | 'version'>;

function tolerance(peak: number): OwnFixture['tolerance'] {
  return peak === 1 ? { atol: 1e-5, rtol: 0 } : { atol: 1e-5, rtol: 0, overrides: { 'outputs.lr': { atol: 1e-5 * peak, rtol: 0 } } };
}

function norms(n: number, seed: string, f: (t: number, noise: number) => number): number[] {
  const rng = createRng(0).fork(seed);
  return Array.from({ length: n }, (_, t) => Number(f(t / (n - 1), rng.normal()).toFixed(6)));
}

function refineCase(name: string, note: string, g: number[], p: { tau: number; norm: 'l2' | 'l1'; peakLr: number; newT?: number }): OwnFixture {
  const r = refineReference(g, p);
  const n = r.schedule.length;
  return {
    plugin: 'lrrefiner',
    call: 'apply',
    name: `lrrefiner/${name}`,
    note,
    params: { tau: p.tau, norm: p.norm, peakLr: p.peakLr, ...(p.newT === undefined ? {} : { newT: p.newT }) },
    mode: 'eval',
    inputs: { gradNorms: refTensor([g.length], g) },
    expect: { outputs: { schedule: refTensor([n], r.schedule), lr: refTensor([n], r.schedule.map((s) => s * p.peakLr)) } },
    tolerance: tolerance(p.peakLr),
  };
}

function linearCase(name: string, note: string, n: number, warmup: number, peak: number): OwnFixture {
  const lr = linearDecayReference(n, warmup, peak);
  return {
    plugin: 'lrrefiner',
    call: 'apply',
    name: `lrrefiner/${name}`,
    note,
    params: { peakLr: peak, newT: n, warmupSteps: warmup },
    mode: 'eval',
    inputs: {},
    expect: { outputs: { schedule: refTensor([n], lr.map((v) => v / peak)), lr: refTensor([n], lr) } },
    tolerance: tolerance(peak),
  };
}

/** Every own fixture of the LR refiner. */
export function lrRefinerCases(): OwnFixture[] {
  const decaying = norms(60, 'decay', (x, e) => 2 * Math.exp(-2.5 * x) + 0.3 + 0.02 * e);
  return [
    refineCase('decaying_T60', 'Norms that shrink during training: the refined schedule warms up, peaks late, anneals to 0.', decaying, { tau: 0.1, norm: 'l2', peakLr: 1 }),
    refineCase('spiky_tau03_T40', 'Noisy norms with x10 spikes (also at the last step), tau 0.3, peak 3e-3.', norms(40, 'spiky', (x, e) => (Math.abs(e) > 1.6 || x === 1 ? 10 : 1) * (1 + 0.1 * e * e)), { tau: 0.3, norm: 'l2', peakLr: 3e-3 }),
    refineCase('decaying_l1_T60', "norm 'l1': w = 1/ĝ.", decaying, { tau: 0.1, norm: 'l1', peakLr: 1 }),
    refineCase('tiny_T7', 'T = 7: width floor(0.7) -> 1, no smoothing.', [3, 2.5, 2.7, 1.2, 1.1, 0.9, 0.95], { tau: 0.1, norm: 'l2', peakLr: 1 }),
    refineCase('resample_200_to_80', 'newT = 80 from a 200-step run: smoothed norms resampled by linear interpolation.', norms(200, 'resample', (x, e) => 1 + x + 0.2 * Math.sin(9 * x) + 0.05 * e), { tau: 0.1, norm: 'l2', peakLr: 0.5, newT: 80 }),
    linearCase('linear_warmup5_T20', 'No previous run: linear decay after 5 warm-up steps, peak 0.1.', 20, 5, 0.1),
    linearCase('linear_T12', 'No previous run, no warm-up: peak·(1 − t/T); the last step gets peak/T.', 12, 0, 1),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const fx of lrRefinerCases()) writeFixture(join(import.meta.dirname, '..', 'fixtures'), fx);
}
