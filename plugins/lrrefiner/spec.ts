/**
 * LR-schedule refiner (Defazio et al., "When, Why and How Much?"): linear decay on the first
 * run; on later runs a schedule refined from the previous run's gradient norms, saved with
 * the graph so a shared file reproduces it. Spec: docs/specs/lrrefiner.md.
 */
import { definePlugin, type InferResult } from '../../runtime/sdk/index.ts';
import { lrRefinerTorch } from './torch.ts';

/** `lrrefiner`: a schedule node whose `lr` output feeds an optimiser's learning rate. */
export const lrRefinerSpec = definePlugin({
  id: 'lrrefiner',
  version: '1.0.0',
  title: 'LR refiner',
  category: 'schedule',
  role: 'schedule',
  doc: 'Learning-rate schedule: linear decay (with optional warm-up) when there is no previous run; otherwise η_t ∝ w_t·Σ_{p>t} w_p with w = (median-smoothed gradient norm of the previous run)^-2. The refined schedule and its norms are saved in the graph.',
  paper: {
    title: 'When, Why and How Much? Adaptive Learning Rate Scheduling by Refinement',
    url: 'https://arxiv.org/abs/2310.07831',
  },
  inputs: {},
  outputs: { lr: { kind: 'schedule', doc: 'one learning rate per training step' } },
  params: {
    peakLr: { kind: 'float', min: 0, log: true, doc: 'The schedule is normalised to peak 1 and multiplied by this (> 0).' },
    tau: { kind: 'float', default: 0.1, min: 0, max: 1, step: 0.01, doc: 'Median-filter width as a fraction of the run length, in (0, 1].' },
    norm: {
      kind: 'enum',
      options: ['l2', 'l1'],
      default: 'l2',
      doc: "'l2': w = ĝ⁻² from ℓ2 gradient norms (SGD); 'l1': w = ĝ⁻¹ from ℓ1 norms (Adam-style).",
    },
    newT: {
      kind: 'int',
      default: 0,
      min: 0,
      doc: 'Length of the new schedule; 0 = the length of the run (resamples when it differs from the previous run).',
    },
    warmupSteps: { kind: 'int', default: 0, min: 0, doc: 'Warm-up of the linear-decay default only.' },
  },
  keyParams: ['peakLr'],
  torch: lrRefinerTorch,
  examples: [{ params: { peakLr: 0.01 }, inputs: {} }],
  infer(ctx): InferResult {
    if (!(ctx.params.peakLr > 0)) return ctx.fail('peakLr must be > 0', { param: 'peakLr' });
    if (!(ctx.params.tau > 0)) return ctx.fail('tau must be in (0, 1]', { param: 'tau' });
    if (ctx.params.newT === 1) return ctx.fail('newT must be 0 (the run length) or at least 2', { param: 'newT' });
    return { outputs: { lr: { kind: 'schedule' } } };
  },
});
