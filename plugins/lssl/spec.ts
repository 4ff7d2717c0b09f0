/**
 * Linear State-Space Layer (Gu et al., 2021): the declarative half. Ports, params, weights,
 * shape inference and FLOPs; no tfjs. See docs/specs/lssl.md ("spec" below).
 */
import { definePlugin, type InferContext, type InferResult, type ParamValues } from '../../runtime/sdk/index.ts';
import { LSSL_MEASURES } from './hippo.ts';
import { sequenceLayerPorts, tensorInput } from '../_shared/ports.ts';
import { lsslTorch } from './torch.ts';

/** Param descriptors of the `lssl` node (spec §2). */
export const lsslParams = {
  dModel: { kind: 'int', min: 1, doc: 'Input features H (equals the last axis of x).' },
  dOut: { kind: 'int', min: 0, default: 0, doc: 'Output width H_out of W_out; 0 means the same as dModel.' },
  // The host builds and discretises an N x N HiPPO matrix per copy (O(N^3)): 1,000 took 262 s.
  stateSize: { kind: 'int', min: 1, max: 256, default: 64, doc: 'HiPPO order N (state size of every copy), at most 256: the host work grows as N^3.' },
  channels: { kind: 'int', min: 1, default: 1, doc: 'Output channels M per copy (rows of C sharing one state).' },
  timescales: { kind: 'int', min: 1, default: 1, doc: 'Copies S per feature, each with its own dt; 1 is the paper.' },
  measure: { kind: 'enum', options: LSSL_MEASURES, default: 'legs', doc: 'HiPPO measure: LegS or LegT.' },
  gbtAlpha: {
    kind: 'float',
    min: 0,
    max: 1,
    default: 0.5,
    doc: 'GBT α: 0.5 bilinear, 1 backward Euler, 0 forward Euler. Keep it in [0.5, 1] for stability.',
  },
  dtMin: { kind: 'float', min: 1e-9, default: 1e-3, log: true, doc: 'Lower end of the log-uniform dt initialisation.' },
  dtMax: { kind: 'float', min: 1e-9, default: 1e-1, log: true, doc: 'Upper end of the log-uniform dt initialisation.' },
  learnDt: { kind: 'bool', default: true, doc: 'Train the timescales (as log_dt).' },
  learnA: {
    kind: 'bool',
    default: false,
    doc: 'Train A and B as dense tensors masked to the HiPPO sparsity (not the paper’s structured family).',
  },
  activation: { kind: 'enum', options: ['gelu', 'none'], default: 'gelu', doc: 'Applied before W_out (exact erf GELU).' },
  mode: {
    kind: 'enum',
    options: ['conv', 'recurrent'],
    default: 'conv',
    implementation: true,
    doc: 'conv (kernel + convolution, for training) or recurrent (state stepping); same result.',
  },
  convImpl: {
    kind: 'enum',
    options: ['auto', 'direct', 'fft'],
    default: 'auto',
    implementation: true,
    doc: 'Causal convolution: direct (Toeplitz, O(L²)), fft (O(L log L)), auto = direct when L ≤ 512.',
  },
} as const;

/** Resolved params of an `lssl` node. */
export type LsslParams = ParamValues<typeof lsslParams>;

/** The output width (`dOut`, or `dModel` when 0). */
export function lsslOutWidth(p: Pick<LsslParams, 'dModel' | 'dOut'>): number {
  return p.dOut === 0 ? p.dModel : p.dOut;
}

/** Forward multiply-adds ×2 per example for length `L` (conv form with the doubling kernel). */
export function lsslFlops(p: LsslParams, L: number): number {
  const copies = p.dModel * p.timescales;
  const N = p.stateSize;
  const rounds = Math.ceil(Math.log2(Math.max(L, 1)));
  const discretise = copies * 2 * N * N * (N + 1);
  const kernel = copies * (2 * N * N * L + 2 * N * N * N * rounds + 2 * p.channels * N * L);
  const n = 2 ** Math.ceil(Math.log2(Math.max(2 * L - 1, 1)));
  const conv = L <= 512 ? copies * p.channels * L * L : copies * p.channels * 10 * n * Math.log2(Math.max(n, 2));
  const out = 2 * L * copies * p.channels * lsslOutWidth(p);
  return discretise + kernel + conv + out;
}

function inferLssl(ctx: InferContext<typeof lsslParams>): InferResult {
  const p = ctx.params;
  const x = tensorInput(ctx, 'x');
  if (x.shape.length !== 3) ctx.fail(`x must be [batch, length, dModel], got rank ${x.shape.length}`, { port: 'x' });
  const last = x.shape[2];
  if (last !== null && last !== p.dModel) {
    ctx.fail(`last axis of x is ${last} but dModel is ${p.dModel}`, { port: 'x', param: 'dModel' });
  }
  if (p.dtMin > p.dtMax) ctx.fail(`dtMin = ${p.dtMin} must not exceed dtMax = ${p.dtMax}`, { param: 'dtMin' });
  const H = p.dModel;
  const N = p.stateSize;
  const S = p.timescales;
  const M = p.channels;
  const out = lsslOutWidth(p);
  const L = x.shape[1] ?? null;
  const noDecay = { decay: false } as const;
  return {
    outputs: { y: { kind: 'tensor', shape: [x.shape[0] ?? null, L, out], dtype: 'float32' } },
    weights: {
      A: { shape: [N, N], init: { kind: 'custom' }, trainable: p.learnA, optim: noDecay },
      B: { shape: [N], init: { kind: 'custom' }, trainable: p.learnA, optim: noDecay },
      log_dt: { shape: [H, S], init: { kind: 'custom' }, trainable: p.learnDt, optim: noDecay },
      C: { shape: [H, S, M, N], init: { kind: 'normal', std: 1 } },
      D: { shape: [H, S, M], init: { kind: 'normal', std: 1 } },
      W_out: { shape: [H * S * M, out], init: { kind: 'glorotUniform' } },
      b_out: { shape: [out], init: { kind: 'zeros' }, optim: noDecay },
    },
    ...(L === null ? {} : { flops: lsslFlops(p, L) }),
  };
}

/** The `lssl` node spec. */
export const lsslSpec = definePlugin({
  id: 'lssl',
  version: '1.0.0',
  title: 'Linear State-Space Layer',
  category: 'sequence',
  role: 'layer',
  doc:
    'HiPPO state-space layer discretised with the generalized bilinear transform, with learned ' +
    'timescales. Trains as a convolution (direct or FFT), steps as a recurrence. GELU then a ' +
    'linear output; residual and norm go outside the node.',
  paper: {
    title: 'Combining Recurrent, Convolutional, and Continuous-time Models with Linear State-Space Layers',
    url: 'https://arxiv.org/abs/2110.13985',
  },
  ...sequenceLayerPorts('[batch, length, dOut]'),
  params: lsslParams,
  keyParams: ['dModel', 'stateSize', 'timescales'],
  examples: [
    { params: { dModel: 3, stateSize: 8 }, inputs: { x: { shape: [2, 12, 3] } } },
    { params: { dModel: 2, stateSize: 4, timescales: 2, channels: 2, measure: 'legt', convImpl: 'fft' }, inputs: { x: { shape: [1, 9, 2] } } },
    { params: { dModel: 2, stateSize: 4, learnA: true, mode: 'recurrent' }, inputs: { x: { shape: [1, 6, 2] } } },
  ],
  torch: lsslTorch,
  infer: (ctx) => inferLssl(ctx),
});
