/**
 * BiPer binary layers (Vargas et al., CVPR 2024): weights binarised by a square wave
 * sign(sin(freq·w)) with the sine as its backward surrogate, activations binarised by sign
 * with the ApproxSign surrogate, and a learnable per-channel scale α. No bias.
 * Spec: docs/specs/biper.md.
 */
import { conv2dGeometryParams, conv2dLayerPorts, inferConv2dShape } from '../_shared/conv2dSpec.ts';
import { denseLayerPorts, inferDenseShape, unitsParam } from '../_shared/denseSpec.ts';
import { biperConv2dTorch, biperDenseTorch } from './torch.ts';
import { definePlugin, tensorValue, type InferContext, type InferResult, type WeightSpec } from '../../runtime/sdk/index.ts';

const PAPER = {
  title: 'BiPer: Binary Neural Networks using a Periodic Function',
  url: 'https://arxiv.org/abs/2404.01278',
} as const;

/** Params of both BiPer layers (spec §2). */
const biperParams = {
  freq: { kind: 'float', default: 20, min: 0, log: true, doc: 'ω₀: frequency of the square wave (must be > 0).' },
  weightMode: {
    kind: 'enum',
    options: ['square', 'sine', 'ste'],
    default: 'square',
    doc: "'square' binarises the weights (stage 2); 'sine' uses sin(ω₀w) as a real weight (stage 1); 'ste' is the sign + clipped straight-through baseline: sign(w) with gradient 1 where |w| ≤ 1 (ω₀ unused).",
  },
  binarizeInput: { kind: 'bool', default: true, doc: 'Binarise the input with sign (false: the 1w32a variant).' },
  inputNormInTraining: {
    kind: 'bool',
    default: true,
    doc: 'Per-sample normalisation before the sign, in training only (changes only the surrogate window).',
  },
  normEps: { kind: 'float', default: 1e-5, min: 0, log: true },
  sinRegTau: {
    kind: 'float',
    default: 0,
    min: 0,
    doc: 'τ of the optional penalty τ·mean(sin²(ω₀w)) added to the kernel gradient (CIFAR scripts; off by default).',
  },
  stage1Steps: {
    kind: 'int',
    default: 0,
    min: 0,
    doc: "If > 0, training steps 1..stage1Steps use the 'sine' weights (stage 1), later steps the square wave.",
  },
} as const;

function biperWeights(kernelShape: readonly number[], units: number): Record<string, WeightSpec> {
  return {
    // He-normal (untruncated, std sqrt(2/fanIn)) drawn by the lowering
    kernel: { shape: kernelShape, init: { kind: 'custom' } },
    alpha: { shape: [units], init: { kind: 'uniform', min: 0, max: 1 } },
  };
}


function checkFreq(ctx: InferContext<typeof biperParams>): void {
  if (!(ctx.params.freq > 0)) ctx.fail('freq must be > 0', { param: 'freq' });
}

/** BiPerDense: `x [B, inDim]` → `y [B, units]`. */
export const biperDenseSpec = definePlugin({
  id: 'biper-dense',
  version: '1.0.0',
  title: 'BiPer dense',
  category: 'layers',
  role: 'layer',
  doc: 'Binary dense layer: weights sign(sin(ω₀w)) with a sine surrogate gradient, sign-binarised inputs, per-unit scale α. No bias.',
  paper: PAPER,
  ...denseLayerPorts,
  params: { units: unitsParam, ...biperParams },
  keyParams: ['units', 'freq', 'weightMode'],
  examples: [
    { params: { units: 3 }, inputs: { x: { shape: [4, 5] } } },
    { params: { units: 2, weightMode: 'sine', binarizeInput: false }, inputs: { x: { shape: [3, 4] } } },
  ],
  torch: biperDenseTorch,
  infer(ctx): InferResult {
    const { batch, inDim } = inferDenseShape(ctx);
    checkFreq(ctx);
    const units = ctx.params.units;
    return {
      outputs: { y: tensorValue([batch, units]) },
      weights: biperWeights([inDim, units], units),
      flops: 2 * inDim * units + units,
    };
  },
});

const convParams = {
  ...conv2dGeometryParams,
  padding: { ...conv2dGeometryParams.padding, doc: 'Zero padding of the binarised input.' },
  ...biperParams,
} as const;

function inferConv(ctx: InferContext<typeof convParams>): InferResult {
  const { batch, inC, kh, kw, oh, ow } = inferConv2dShape(ctx);
  checkFreq(ctx);
  const { filters } = ctx.params;
  return {
    outputs: { y: tensorValue([batch, oh, ow, filters]) },
    weights: biperWeights([kh, kw, inC, filters], filters),
    ...(oh !== null && ow !== null ? { flops: (2 * kh * kw * inC * filters + filters) * oh * ow } : {}),
  };
}

/** BiPerConv2D (NHWC): `x [B, H, W, inC]` → `y [B, H', W', filters]`. */
export const biperConv2dSpec = definePlugin({
  id: 'biper-conv2d',
  version: '1.0.0',
  title: 'BiPer conv2d',
  category: 'layers',
  role: 'layer',
  doc: 'Binary convolution (NHWC): weights sign(sin(ω₀w)) with a sine surrogate gradient, sign-binarised inputs zero-padded, per-filter scale α. No bias.',
  paper: PAPER,
  ...conv2dLayerPorts,
  params: convParams,
  keyParams: ['filters', 'kernelSize', 'freq'],
  examples: [
    { params: { filters: 2, kernelSize: [3, 3] }, inputs: { x: { shape: [2, 5, 5, 3] } } },
    { params: { filters: 2, kernelSize: [3, 3], padding: 'valid' }, inputs: { x: { shape: [1, 6, 6, 2] } } },
  ],
  torch: biperConv2dTorch,
  infer: (ctx) => inferConv(ctx),
});
