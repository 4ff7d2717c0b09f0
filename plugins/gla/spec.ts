/**
 * Gated Linear Attention (Yang et al., 2023): the declarative half. Ports, params, weights,
 * shape inference and FLOPs; no tfjs. See docs/specs/gla.md ("spec" below).
 */
import { definePlugin, type InferContext, type InferResult, type ParamValues } from '../../runtime/sdk/index.ts';
import { sequenceLayerPorts, tensorInput } from '../_shared/ports.ts';
import { glaTorch } from './torch.ts';

/** The three equivalent forms of the GLA core (spec §5). */
export const GLA_MODES = ['chunk', 'recurrent', 'parallel'] as const;

/** Param descriptors of the `gla` node (spec §2). */
export const glaParams = {
  dModel: { kind: 'int', min: 1, doc: 'Input and output width d (equals the last axis of x).' },
  numHeads: { kind: 'int', min: 1, default: 4, doc: 'Heads H; must divide d·expandK and d·expandV.' },
  expandK: { kind: 'float', min: 1e-6, default: 0.5, doc: 'Key width d_k = d·expandK (an integer).' },
  expandV: { kind: 'float', min: 1e-6, default: 1.0, doc: 'Value width d_v = d·expandV (an integer).' },
  gateLowRank: { kind: 'int', min: 1, max: 4096, default: 16, doc: 'Rank r of the low-rank gate projection W_a1·W_a2 (at most 4,096; the paper uses 16).' },
  gateTemperature: {
    kind: 'float',
    min: 1e-6,
    default: 16,
    doc: 'Gate temperature τ: α = σ(z)^(1/τ); larger forgets more slowly.',
  },
  normEps: { kind: 'float', min: 0, default: 1e-5, log: true, doc: 'Epsilon of the per-head LayerNorm.' },
  chunkSize: {
    kind: 'int',
    min: 1,
    default: 64,
    implementation: true,
    doc: 'Chunk length C of the chunkwise form (does not change the result).',
  },
  subChunkSize: {
    kind: 'int',
    min: 1,
    default: 16,
    implementation: true,
    doc: 'Sub-chunk length c of the secondary-level chunking; must divide chunkSize.',
  },
  mode: {
    kind: 'enum',
    options: GLA_MODES,
    default: 'chunk',
    implementation: true,
    doc: 'Form of the core: chunk (training), recurrent (step by step), parallel (short sequences).',
  },
} as const;

/** Resolved params of a `gla` node. */
export type GlaParams = ParamValues<typeof glaParams>;

/** Widths derived from the params. */
export interface GlaDims {
  readonly d: number;
  readonly heads: number;
  /** Total key width d_k. */
  readonly dK: number;
  /** Total value width d_v. */
  readonly dV: number;
  /** Per-head key width dk. */
  readonly dkHead: number;
  /** Per-head value width dv. */
  readonly dvHead: number;
  readonly rank: number;
}

/**
 * Derives the widths, or explains which param is wrong.
 * @returns the dims, or `{ error, param }` naming the offending param.
 */
export function glaDims(p: GlaParams): GlaDims | { error: string; param: string } {
  const dK = p.dModel * p.expandK;
  const dV = p.dModel * p.expandV;
  if (Math.abs(dK - Math.round(dK)) > 1e-9 || Math.round(dK) < 1) {
    return { param: 'expandK', error: `dModel·expandK = ${dK} must be a positive integer` };
  }
  if (Math.abs(dV - Math.round(dV)) > 1e-9 || Math.round(dV) < 1) {
    return { param: 'expandV', error: `dModel·expandV = ${dV} must be a positive integer` };
  }
  const k = Math.round(dK);
  const v = Math.round(dV);
  if (k % p.numHeads !== 0 || v % p.numHeads !== 0) {
    return { param: 'numHeads', error: `numHeads = ${p.numHeads} must divide d_k = ${k} and d_v = ${v}` };
  }
  if (p.chunkSize % p.subChunkSize !== 0) {
    return { param: 'subChunkSize', error: `subChunkSize = ${p.subChunkSize} must divide chunkSize = ${p.chunkSize}` };
  }
  return { d: p.dModel, heads: p.numHeads, dK: k, dV: v, dkHead: k / p.numHeads, dvHead: v / p.numHeads, rank: p.gateLowRank };
}

/** Forward multiply-adds ×2 per example for length `L` (chunk form; spec §5.3). */
export function glaFlops(dims: GlaDims, L: number, chunk: number): number {
  const { d, dK, dV, rank } = dims;
  const proj = 2 * L * (d * (2 * dK + 2 * dV) + d * rank + rank * dK + dV * d);
  const c = Math.min(chunk, L);
  const core = 2 * L * c * (dK + dV) + 4 * L * dK * (dV / dims.heads);
  return proj + core;
}

const SMALL_GAIN = 2 ** -2.5;

function inferGla(ctx: InferContext<typeof glaParams>): InferResult {
  const x = tensorInput(ctx, 'x');
  if (x.shape.length !== 3) ctx.fail(`x must be [batch, length, dModel], got rank ${x.shape.length}`, { port: 'x' });
  const last = x.shape[2];
  if (last !== null && last !== ctx.params.dModel) {
    ctx.fail(`last axis of x is ${last} but dModel is ${ctx.params.dModel}`, { port: 'x', param: 'dModel' });
  }
  const dims = glaDims(ctx.params);
  if ('error' in dims) return ctx.fail(dims.error, { param: dims.param });
  const { d, dK, dV, rank } = dims;
  const L = x.shape[1] ?? null;
  const glorot = { kind: 'glorotUniform' } as const;
  const small = { kind: 'glorotUniform', gain: SMALL_GAIN } as const;
  const noDecay = { decay: false } as const;
  return {
    outputs: { y: { kind: 'tensor', shape: [x.shape[0] ?? null, L, d], dtype: 'float32' } },
    weights: {
      W_q: { shape: [d, dK], init: small },
      W_k: { shape: [d, dK], init: small },
      W_v: { shape: [d, dV], init: glorot },
      W_a1: { shape: [d, rank], init: small },
      W_a2: { shape: [rank, dK], init: small },
      b_a: { shape: [dK], init: { kind: 'zeros' }, optim: noDecay },
      W_r: { shape: [d, dV], init: glorot },
      b_r: { shape: [dV], init: { kind: 'zeros' }, optim: noDecay },
      W_o: { shape: [dV, d], init: glorot },
    },
    ...(L === null ? {} : { flops: glaFlops(dims, L, ctx.params.chunkSize) }),
  };
}

/** The `gla` node spec. */
export const glaSpec = definePlugin({
  id: 'gla',
  version: '1.0.0',
  title: 'Gated Linear Attention',
  category: 'sequence',
  role: 'layer',
  doc:
    'Linear attention with a data-dependent key-side forget gate (GLA). Trains with the ' +
    'hardware-efficient chunkwise form; steps with the recurrent form. No residual inside.',
  paper: {
    title: 'Gated Linear Attention Transformers with Hardware-Efficient Training',
    url: 'https://arxiv.org/abs/2312.06635',
  },
  ...sequenceLayerPorts('[batch, length, dModel]'),
  params: glaParams,
  keyParams: ['dModel', 'numHeads'],
  examples: [
    { params: { dModel: 8, numHeads: 2 }, inputs: { x: { shape: [2, 11, 8] } } },
    { params: { dModel: 8, numHeads: 2, chunkSize: 4, subChunkSize: 2 }, inputs: { x: { shape: [1, 9, 8] } } },
    { params: { dModel: 8, numHeads: 1, mode: 'recurrent' }, inputs: { x: { shape: [1, 5, 8] } } },
  ],
  torch: glaTorch,
  infer: (ctx) => inferGla(ctx),
});
