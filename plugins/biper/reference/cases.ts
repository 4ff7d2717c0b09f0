/**
 * BiPer's own fixtures from the float64 reference: stage 1 (sine), eval mode, full-precision
 * input, another frequency, conv 'valid' and strided 'same'. Values keep |sin(ω₀w)| ≥ 0.1,
 * |a0| ≥ 0.05 and ||a0| − 1| ≥ 0.05 so float32 takes the same branches.
 * `npx tsx plugins/biper/reference/cases.ts` rewrites them.
 */
import { join } from 'node:path';
import type { Fixture } from '../../../runtime/exec/fixtures/index.ts';
import { createRng } from '../../../runtime/lower/rng.ts';
import { refTensor, writeFixture } from '../../paper.testkit.ts';
import { convOp, denseOp, type ConvGeom, type LinearOp } from '../../quadratic/reference/quadratic.ts';
import { biperReference, normalisedInput, type BiperRefParams } from './biper.ts';

type OwnFixture = Omit<Fixture, 'format' | 'version'>;

const DEFAULTS: BiperRefParams = { freq: 20, weightMode: 'square', binarizeInput: true, inputNormInTraining: true, normEps: 1e-5 };
const GRAD_TOL = { atol: 1e-5, rtol: 1e-4 };
const TOL = {
  atol: 1e-5,
  rtol: 1e-5,
  overrides: { 'grads.inputs.x': GRAD_TOL, 'grads.weights.kernel': GRAD_TOL, 'grads.weights.alpha': GRAD_TOL },
};

const round = (v: number): number => Number(v.toFixed(6));

function safeKernel(n: number, fanIn: number, freq: number, seed: string): number[] {
  const rng = createRng(0).fork(seed);
  return Array.from({ length: n }, () => {
    for (;;) {
      const w = round(rng.normal() * Math.sqrt(2 / fanIn));
      if (Math.abs(Math.sin(freq * w)) >= 0.1) return w;
    }
  });
}

/** An input whose a0 (train and eval) stays away from 0 and from the surrogate's kinks at ±1. */
function safeInput(p: BiperRefParams, n: number, sampleSize: number, seed: string): number[] {
  const rng = createRng(0).fork(seed);
  const a = Array.from({ length: n }, () => round(rng.normal()));
  const bad = (v: number): boolean => Math.abs(v) < 0.05 || Math.abs(Math.abs(v) - 1) < 0.05;
  for (let round_ = 0; round_ < 200; round_++) {
    const train = normalisedInput(p, a, sampleSize, true).a0;
    const idx = a.findIndex((v, i) => bad(v) || bad(train[i]!));
    if (idx < 0) return a;
    a[idx] = round(rng.normal());
  }
  throw new Error(`could not draw a safe input for ${seed}`);
}

interface CaseSpec {
  readonly plugin: 'biper-dense' | 'biper-conv2d';
  readonly name: string;
  readonly note: string;
  readonly params: Partial<BiperRefParams>;
  readonly layerParams: Record<string, unknown>;
  readonly mode: 'train' | 'eval';
  readonly op: LinearOp;
  readonly xShape: number[];
  readonly kShape: number[];
}

function makeCase(cs: CaseSpec): OwnFixture {
  const p = { ...DEFAULTS, ...cs.params };
  const units = cs.kShape[cs.kShape.length - 1]!;
  const kSize = cs.kShape.reduce((a, b) => a * b, 1);
  const n = cs.xShape.reduce((a, b) => a * b, 1);
  const sampleSize = n / cs.xShape[0]!;
  const kernel = safeKernel(kSize, kSize / units, p.freq, `${cs.name}/k`);
  const alpha = Array.from({ length: units }, (_, i) => round(0.3 + 0.5 * createRng(i).fork(cs.name).next()));
  const x = safeInput(p, n, sampleSize, `${cs.name}/x`);
  const cot = Array.from({ length: cs.op.outSize }, (_, i) => round(createRng(i).fork(`${cs.name}/cot`).normal()));
  const r = biperReference(p, cs.op, x, sampleSize, kernel, alpha, cot, cs.mode === 'train');
  return {
    plugin: cs.plugin,
    call: 'apply',
    name: `${cs.plugin}/${cs.name}`,
    note: cs.note,
    params: { ...p, ...cs.layerParams },
    mode: cs.mode,
    weights: { kernel: refTensor(cs.kShape, kernel), alpha: refTensor([units], alpha) },
    inputs: { x: refTensor(cs.xShape, x) },
    cotangents: { y: refTensor(cs.op.outShape, cot) },
    expect: {
      outputs: { y: refTensor(cs.op.outShape, r.y) },
      grads: {
        inputs: { x: refTensor(cs.xShape, r.da) },
        weights: { kernel: refTensor(cs.kShape, r.dKernel), alpha: refTensor([units], r.dAlpha) },
      },
    },
    tolerance: TOL,
  };
}

function dense(name: string, note: string, params: Partial<BiperRefParams>, mode: 'train' | 'eval'): OwnFixture {
  return makeCase({ plugin: 'biper-dense', name, note, params, layerParams: { units: 3 }, mode, op: denseOp(4, 6, 3), xShape: [4, 6], kShape: [6, 3] });
}

function conv(name: string, note: string, g: ConvGeom, mode: 'train' | 'eval'): OwnFixture {
  return makeCase({
    plugin: 'biper-conv2d',
    name,
    note,
    params: {},
    layerParams: { filters: g.outC, kernelSize: [g.kh, g.kw], strides: [g.sh, g.sw], padding: g.padding },
    mode,
    op: convOp(g),
    xShape: [g.b, g.h, g.w, g.inC],
    kShape: [g.kh, g.kw, g.inC, g.outC],
  });
}

/** Every own fixture of the BiPer plugins. */
export function biperCases(): OwnFixture[] {
  return [
    dense('dense_sine_stage1-train', "Stage 1: weightMode 'sine' uses sin(ω₀w) as a real weight (exact derivative).", { weightMode: 'sine' }, 'train'),
    dense('dense_square-eval', 'Eval mode: no per-sample normalisation; ApproxSign window on the raw input.', {}, 'eval'),
    dense('dense_fp_input-train', 'binarizeInput false (1w32a): real input, binary weights.', { binarizeInput: false }, 'train'),
    dense('dense_freq5-train', 'Another frequency (ω₀ = 5): the kernel gradient carries 5·cos(5w).', { freq: 5 }, 'train'),
    conv('conv2d_valid-train', "Conv 'valid', 3x3, NHWC [2,5,4,2] -> [2,3,2,3], training normalisation over H·W·C.", { b: 2, h: 5, w: 4, inC: 2, kh: 3, kw: 3, outC: 3, sh: 1, sw: 1, padding: 'valid' }, 'train'),
    conv('conv2d_same_stride2-eval', "Conv 'same' with stride [2,2] on odd sizes, eval mode: zero padding of the binarised input.", { b: 2, h: 5, w: 5, inC: 2, kh: 3, kw: 3, outC: 2, sh: 2, sw: 2, padding: 'same' }, 'eval'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const fx of biperCases()) writeFixture(join(import.meta.dirname, '..', 'fixtures'), fx);
}
