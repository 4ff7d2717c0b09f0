/**
 * PowerNorm's own fixtures, computed by the float64 reference: the warm-up boundary, the
 * running phase with both backward scales, the cumulative average, eval with a trained
 * state, [N,T,C] input with 2 groups, and affine off without group scaling.
 * `npx tsx plugins/powernorm/reference/cases.ts` rewrites them.
 */
import { join } from 'node:path';
import type { Fixture } from '../../../runtime/exec/fixtures/index.ts';
import { createRng } from '../../../runtime/lower/rng.ts';
import { refTensor, writeFixture } from '../../paper.testkit.ts';
import { pnEval, pnTrain, type PnParams, type PnState } from './powernorm.ts';

type OwnFixture = Omit<Fixture, 'format' | 'version'>;

const DEFAULTS: PnParams = {
  eps: 1e-5,
  alphaFwd: 0.9,
  alphaBkw: 0.9,
  warmupIters: 10000,
  affine: true,
  groupScalingGroups: 1,
  groupScalingEps: 1e-5,
  backwardScale: 'batch',
};
const TOL = { atol: 1e-5, rtol: 1e-4, overrides: { 'state.iters': { atol: 0, rtol: 0 } } };

function randoms(n: number, seed: string, scale = 1, offset = 0): number[] {
  const rng = createRng(0).fork(seed);
  return Array.from({ length: n }, () => Number((offset + rng.normal() * scale).toFixed(6)));
}

interface CaseSpec {
  readonly name: string;
  readonly note: string;
  readonly params: Partial<PnParams>;
  readonly shape: number[];
  readonly mode: 'train' | 'eval';
  readonly iters: number;
}

function makeCase(cs: CaseSpec): OwnFixture {
  const p = { ...DEFAULTS, ...cs.params };
  const c = cs.shape[cs.shape.length - 1]!;
  const n = cs.shape.reduce((a, b) => a * b, 1);
  const x = randoms(n, `${cs.name}/x`, 1.5);
  const weight = randoms(c, `${cs.name}/w`, 0.3, 1);
  const bias = randoms(c, `${cs.name}/b`, 0.2);
  const st: PnState = {
    runningPhi: randoms(c, `${cs.name}/rp`, 0.3, 1).map((v) => Math.abs(v) + 0.2),
    emaGz: randoms(c, `${cs.name}/ema`, 0.2),
    iters: cs.iters,
  };
  const stateTensors = (s: PnState): Record<string, ReturnType<typeof refTensor>> => ({
    runningPhi: refTensor([c], s.runningPhi),
    emaGz: refTensor([c], s.emaGz),
    iters: refTensor([], [s.iters]),
  });
  const weights = { weight: refTensor([c], weight), bias: refTensor([c], bias) };
  const base = {
    plugin: 'powernorm',
    call: 'apply',
    name: `powernorm/${cs.name}`,
    note: cs.note,
    params: p as unknown as Record<string, unknown>,
    mode: cs.mode,
    ...(p.affine ? { weights } : {}),
    state: stateTensors(st),
    inputs: { x: refTensor(cs.shape, x) },
    tolerance: TOL,
  };
  if (cs.mode === 'eval') {
    return { ...base, expect: { outputs: { y: refTensor(cs.shape, pnEval(p, x, c, weight, bias, st)) }, state: stateTensors(st) } };
  }
  const cot = randoms(n, `${cs.name}/cot`);
  const r = pnTrain(p, x, c, weight, bias, st, cot);
  return {
    ...base,
    step: cs.iters + 1,
    cotangents: { y: refTensor(cs.shape, cot) },
    expect: {
      outputs: { y: refTensor(cs.shape, r.y) },
      grads: {
        inputs: { x: refTensor(cs.shape, r.dx) },
        ...(p.affine ? { weights: { weight: refTensor([c], r.dWeight), bias: refTensor([c], r.dBias) } } : {}),
      },
      state: stateTensors(r.after),
    },
  };
}

/** Every own fixture of PowerNorm. */
export function powerNormCases(): OwnFixture[] {
  return [
    makeCase({ name: 'warmup3_t2-train', note: 't=2 < warmup: batch statistics, cumulative-average seeding then EMA.', params: { warmupIters: 3 }, shape: [6, 4], mode: 'train', iters: 1 }),
    makeCase({ name: 'warmup3_t3-train', note: 't = warmup (boundary): batch statistics; only the EMA line updates runningPhi.', params: { warmupIters: 3 }, shape: [6, 4], mode: 'train', iters: 2 }),
    makeCase({ name: 'warmup3_t4-train', note: 't > warmup: the forward divides by the running statistic from before the step; backward scale from the batch (released code).', params: { warmupIters: 3 }, shape: [6, 4], mode: 'train', iters: 3 }),
    makeCase({ name: 'warmup3_t4_running-train', note: "t > warmup with backwardScale 'running' (the paper's Algorithm 1 reading).", params: { warmupIters: 3, backwardScale: 'running' }, shape: [6, 4], mode: 'train', iters: 3 }),
    makeCase({ name: 'trained_state-eval', note: 'Eval forward with a non-trivial state: x̃/sqrt(runningPhi+eps), state unchanged.', params: { warmupIters: 3 }, shape: [5, 4], mode: 'eval', iters: 7 }),
    makeCase({ name: 'ntc_2groups-train', note: '[N,T,C] input (statistics over N·T), group scaling with 2 groups, t=1.', params: { warmupIters: 5, groupScalingGroups: 2 }, shape: [2, 3, 4], mode: 'train', iters: 0 }),
    makeCase({ name: 'noaffine_nogroups_warmup0-train', note: 'affine off, group scaling off, warmupIters 0: running statistic from the first step.', params: { warmupIters: 0, affine: false, groupScalingGroups: 0 }, shape: [5, 3], mode: 'train', iters: 0 }),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const fx of powerNormCases()) writeFixture(join(import.meta.dirname, '..', 'fixtures'), fx);
}
