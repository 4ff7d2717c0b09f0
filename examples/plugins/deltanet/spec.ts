import { definePlugin, tensorValue, type WeightSpec } from '../../../runtime/sdk/index.ts';
import { deltanetTorch } from './torch.ts';

/**
 * DeltaNet: a linear RNN whose matrix state is updated by the delta rule,
 * S_t = S_{t-1} (I − β_t k_t k_tᵀ) + β_t v_t k_tᵀ, read out as o_t = S_t q_t. With
 * `negativeEigenvalues`, β_t = 2·sigmoid(·) ∈ (0, 2), so the transition's eigenvalue along k_t,
 * 1 − β_t, ranges over (−1, 1) instead of (0, 1) (Grazzi et al.): the state can flip sign,
 * which is what tracking parity needs.
 */
export const deltanetSpec = definePlugin({
  id: 'examples.deltanet',
  version: '1.0.0',
  title: 'DeltaNet',
  category: 'sequence',
  role: 'layer',
  doc:
    'Linear RNN with a delta-rule matrix state per head: S_t = S_{t-1}(I − β_t k_t k_tᵀ) + β_t v_t k_tᵀ, o_t = S_t q_t, ' +
    'keys and queries L2-normalised, β_t = sigmoid(x_t·w_β + b_β) per head (times 2 with negative eigenvalues), y = [o_t over heads]·W_o.',
  paper: {
    title: 'Unlocking State-Tracking in Linear RNNs Through Negative Eigenvalues (Grazzi et al., 2024)',
    url: 'https://arxiv.org/abs/2411.12537',
  },
  inputs: { x: { kind: 'tensor', rank: 3, doc: 'Sequence [batch, time, dModel]; dModel must be known.' } },
  outputs: { y: { kind: 'tensor', rank: 3, doc: 'Sequence [batch, time, units].' } },
  params: {
    heads: { kind: 'int', default: 1, min: 1, max: 64, doc: 'Independent delta-rule states.' },
    headDim: { kind: 'int', default: 16, min: 1, max: 512, log: true, label: 'Head size', doc: 'Key and value size of each head.' },
    units: { kind: 'int', default: 32, min: 1, max: 65536, log: true, doc: 'Output features.' },
    negativeEigenvalues: {
      kind: 'bool',
      default: false,
      label: 'Negative eigenvalues',
      doc: 'β ∈ (0, 2) instead of (0, 1): state-transition eigenvalues in (−1, 1) instead of (0, 1).',
    },
  },
  keyParams: ['headDim', 'negativeEigenvalues'],
  torch: deltanetTorch,
  infer(ctx) {
    const x = ctx.inputs.x;
    if (x?.kind !== 'tensor') return ctx.fail('input "x" is not connected', { port: 'x' });
    const d = x.shape[2];
    if (typeof d !== 'number') return ctx.fail('the feature axis of "x" (axis 2) must have a known size', { port: 'x' });
    const { heads, headDim, units } = ctx.params;
    const width = heads * headDim;
    const dense = (rows: number, cols: number): WeightSpec => ({ shape: [rows, cols], init: { kind: 'glorotUniform' } });
    const time = x.shape[1] ?? null;
    // Per step: projections, the state update (S·k, rank-1 update) and readout (S·q), output.
    const perStep = 2 * d * (3 * width + heads) + heads * 6 * headDim * headDim + 2 * width * units;
    return {
      outputs: { y: tensorValue([x.shape[0] ?? null, time, units]) },
      weights: {
        wq: dense(d, width),
        wk: dense(d, width),
        wv: dense(d, width),
        wBeta: dense(d, heads),
        bBeta: { shape: [heads], init: { kind: 'zeros' } },
        wo: dense(width, units),
      },
      ...(time === null ? {} : { flops: time * perStep }),
    };
  },
  examples: [
    { params: { heads: 2, headDim: 3, units: 4 }, inputs: { x: { shape: [2, 5, 3] } } },
    { params: { headDim: 4, units: 2, negativeEigenvalues: true }, inputs: { x: { shape: [3, 4, 2] } } },
  ],
});
