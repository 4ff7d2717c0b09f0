/**
 * Quadratic neuron layers (Fan et al., "On Expressivity and Trainability of Quadratic
 * Networks"): y = (x·wr + br) ⊙ (x·wg + bg) + (x⊙x)·wb + c, dense and NHWC conv2d.
 * ReLinear = the init that makes the neuron start as a conventional one, plus per-weight
 * learning-rate scales and penalties on the quadratic terms, given to the optimiser through
 * `WeightSpec.optim`. Spec: docs/specs/quadratic.md.
 */
import { conv2dGeometryParams, conv2dLayerPorts, inferConv2dShape } from '../_shared/conv2dSpec.ts';
import { denseLayerPorts, inferDenseShape, unitsParam } from '../_shared/denseSpec.ts';
import { quadraticConv2dTorch, quadraticDenseTorch } from './torch.ts';
import {
  definePlugin,
  tensorValue,
  type InferContext,
  type InferResult,
  type ParamValues,
  type WeightSpec,
} from '../../runtime/sdk/index.ts';

const PAPER = {
  title: 'On Expressivity and Trainability of Quadratic Networks (ReLinear)',
  url: 'https://arxiv.org/abs/2110.06081',
} as const;

/** Params shared by both quadratic layers: init and the ReLinear optimiser settings. */
const reLinearParams = {
  init: {
    kind: 'enum',
    options: ['relinear', 'random'],
    default: 'relinear',
    doc: "ReLinear starts as a conventional neuron (wg=0, bg=1, wb=0, c=0); 'random' initialises the quadratic terms like wr.",
  },
  lrScaleG: { kind: 'float', default: 0.1, min: 0, max: 1, step: 0.01, doc: 'Learning-rate multiplier of wg and bg.' },
  lrScaleB: { kind: 'float', default: 0.1, min: 0, max: 1, step: 0.01, doc: 'Learning-rate multiplier of wb and c.' },
  l1G: { kind: 'float', default: 0, min: 0, doc: 'L1 shrinkage of wg.' },
  l1B: { kind: 'float', default: 0, min: 0, doc: 'L1 shrinkage of wb.' },
  l2G: { kind: 'float', default: 0, min: 0, doc: 'L2 shrinkage of wg (penalty ½·l2G·‖wg‖²).' },
  l2B: { kind: 'float', default: 0, min: 0, doc: 'L2 shrinkage of wb (penalty ½·l2B·‖wb‖²).' },
} as const;

type ReLinearValues = ParamValues<typeof reLinearParams>;

/**
 * The six weights of a quadratic layer with their ReLinear optimiser settings. Kernels whose
 * init is `custom` are He-normal (std sqrt(2/fanIn), not truncated) and drawn by the lowering.
 */
export function quadraticWeights(
  p: ReLinearValues,
  kernelShape: readonly number[],
  units: number,
): Record<string, WeightSpec> {
  const relinear = p.init === 'relinear';
  const kernel = (init: WeightSpec['init'], optim: WeightSpec['optim']): WeightSpec =>
    optim ? { shape: kernelShape, init, optim } : { shape: kernelShape, init };
  const bias = (init: WeightSpec['init'], lrScale: number): WeightSpec => ({ shape: [units], init, optim: { lrScale } });
  return {
    // the linear term is the one kernel a pruning node (apmask) prunes
    wr: { ...kernel({ kind: 'custom' }, undefined), prunable: true },
    br: { shape: [units], init: { kind: 'zeros' } },
    wg: kernel(relinear ? { kind: 'zeros' } : { kind: 'custom' }, { lrScale: p.lrScaleG, l1: p.l1G, l2: p.l2G }),
    bg: bias(relinear ? { kind: 'ones' } : { kind: 'zeros' }, p.lrScaleG),
    wb: kernel(relinear ? { kind: 'zeros' } : { kind: 'custom' }, { lrScale: p.lrScaleB, l1: p.l1B, l2: p.l2B }),
    c: bias({ kind: 'zeros' }, p.lrScaleB),
  };
}

/** QuadraticDense: `x [B, inDim]` → `y [B, units]`. */
export const quadraticDenseSpec = definePlugin({
  id: 'quadratic-dense',
  version: '1.0.0',
  title: 'Quadratic dense',
  category: 'layers',
  role: 'layer',
  doc: 'Quadratic neurons y = (x·wr+br)(x·wg+bg) + (x²)·wb + c, no activation. ReLinear init and per-group learning rates keep deep quadratic nets trainable.',
  paper: PAPER,
  ...denseLayerPorts,
  params: { units: unitsParam, ...reLinearParams },
  keyParams: ['units', 'init'],
  examples: [
    { params: { units: 3 }, inputs: { x: { shape: [4, 5] } } },
    { params: { units: 2, init: 'random' }, inputs: { x: { shape: [2, 3] } } },
  ],
  torch: quadraticDenseTorch,
  infer(ctx): InferResult {
    const { batch, inDim } = inferDenseShape(ctx);
    const units = ctx.params.units;
    return {
      outputs: { y: tensorValue([batch, units]) },
      weights: quadraticWeights(ctx.params, [inDim, units], units),
      // three matMuls, the square, the product and the sums
      flops: 3 * 2 * inDim * units + inDim + 3 * units,
    };
  },
});

const convParams = {
  ...conv2dGeometryParams,
  ...reLinearParams,
} as const;

function inferConv(ctx: InferContext<typeof convParams>): InferResult {
  const { batch, inC, kh, kw, oh, ow } = inferConv2dShape(ctx);
  const { filters } = ctx.params;
  const perPos = 3 * 2 * kh * kw * inC * filters + 3 * filters;
  return {
    outputs: { y: tensorValue([batch, oh, ow, filters]) },
    weights: quadraticWeights(ctx.params, [kh, kw, inC, filters], filters),
    ...(oh !== null && ow !== null ? { flops: perPos * oh * ow } : {}),
  };
}

/** QuadraticConv2D (NHWC): `x [B, H, W, inC]` → `y [B, H', W', filters]`. */
export const quadraticConv2dSpec = definePlugin({
  id: 'quadratic-conv2d',
  version: '1.0.0',
  title: 'Quadratic conv2d',
  category: 'layers',
  role: 'layer',
  doc: 'Quadratic convolution y = conv(x,wr)+br times conv(x,wg)+bg, plus conv(x²,wb)+c (NHWC). ReLinear init and per-group learning rates.',
  paper: PAPER,
  ...conv2dLayerPorts,
  params: convParams,
  keyParams: ['filters', 'kernelSize', 'init'],
  examples: [
    { params: { filters: 2, kernelSize: [3, 3] }, inputs: { x: { shape: [2, 5, 5, 3] } } },
    { params: { filters: 3, kernelSize: [2, 2], strides: [2, 2], padding: 'valid' }, inputs: { x: { shape: [1, 6, 6, 2] } } },
  ],
  torch: quadraticConv2dTorch,
  infer: (ctx) => inferConv(ctx),
});
