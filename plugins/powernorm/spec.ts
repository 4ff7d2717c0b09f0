/**
 * PowerNorm (Shen et al., ICML 2020): batch normalisation without mean subtraction that, after
 * a warm-up, divides by the running quadratic mean in training too, with an approximate
 * backward. Spec: docs/specs/powernorm.md.
 */
import { definePlugin, formatShape, tensorValue, type InferResult } from '../../runtime/sdk/index.ts';
import { lastAxisPorts, tensorInput } from '../_shared/ports.ts';
import { powerNormTorch } from './torch.ts';

/** PowerNorm over the last (channel) axis; statistics over every leading axis. */
export const powerNormSpec = definePlugin({
  id: 'powernorm',
  version: '1.0.0',
  title: 'PowerNorm',
  category: 'normalisation',
  role: 'layer',
  doc: 'Normalises each channel by its quadratic mean (no centring). After warm-up the training forward uses the running statistic, so heavy-tailed batches do not leak into the output; the backward is the approximate one of the paper.',
  paper: { title: 'PowerNorm: Rethinking Batch Normalization in Transformers', url: 'https://arxiv.org/abs/2003.07845' },
  ...lastAxisPorts('[..., C], channels last', 'same shape as x'),
  params: {
    eps: { kind: 'float', default: 1e-5, min: 0, log: true, doc: 'Added to the quadratic mean (must be > 0).' },
    alphaFwd: { kind: 'float', default: 0.9, min: 0, max: 0.999999, doc: 'EMA factor of the running quadratic mean.' },
    alphaBkw: { kind: 'float', default: 0.9, min: 0, max: 0.999999, doc: 'Factor of the backward running statistic.' },
    warmupIters: {
      kind: 'int',
      default: 10000,
      min: 0,
      doc: 'Training steps that use batch statistics; set it to the LR warm-up for short runs.',
    },
    affine: { kind: 'bool', default: true, doc: 'Learnable per-channel weight and bias.' },
    groupScalingGroups: {
      kind: 'int',
      default: 1,
      min: 0,
      doc: 'Rescale each position by the RMS of its channel group first (the released code does); 0 turns it off.',
    },
    groupScalingEps: { kind: 'float', default: 1e-5, min: 0, log: true },
    backwardScale: {
      kind: 'enum',
      options: ['batch', 'running'],
      default: 'batch',
      doc: "Input-gradient scale after warm-up: the batch statistic (released code) or the running one (paper's Algorithm 1).",
    },
  },
  keyParams: ['warmupIters'],
  examples: [
    { inputs: { x: { shape: [8, 4] } } },
    { params: { groupScalingGroups: 2, affine: false }, inputs: { x: { shape: [2, 3, 4] } } },
  ],
  torch: powerNormTorch,
  infer(ctx): InferResult {
    const x = tensorInput(ctx, 'x');
    const c = x.shape[x.shape.length - 1];
    if (c === null || c === undefined) {
      return ctx.fail(`input x ${formatShape(x.shape)} needs a known channel count (last axis)`, { port: 'x' });
    }
    const { groupScalingGroups: g, eps, groupScalingEps, affine } = ctx.params;
    if (g > 0 && c % g !== 0) {
      return ctx.fail(`groupScalingGroups ${g} does not divide the ${c} channels`, { param: 'groupScalingGroups' });
    }
    if (!(eps > 0)) return ctx.fail('eps must be > 0', { param: 'eps' });
    if (g > 0 && !(groupScalingEps > 0)) return ctx.fail('groupScalingEps must be > 0', { param: 'groupScalingEps' });
    return {
      outputs: { y: tensorValue(x.shape) },
      ...(affine
        ? { weights: { weight: { shape: [c], init: { kind: 'ones' } }, bias: { shape: [c], init: { kind: 'zeros' } } } }
        : {}),
      state: {
        runningPhi: { shape: [c], initial: 1 },
        emaGz: { shape: [c], initial: 0 },
        iters: { shape: [], initial: 0, dtype: 'int32' },
      },
      flops: 8 * c,
    };
  },
});
