/**
 * Activate-while-Pruning (Liu et al., TMLR 2023): iterative magnitude pruning of the managed
 * layers' kernels in which a share of each cycle's removals goes to negative weights that
 * moved least, which lowers the dead-neuron rate (DNR). It acts through the trainer's hooks on
 * the layers wired into it, and its one output is the DNR of the current batch.
 * Spec: docs/specs/apmask.md.
 *
 * Role `metric`, not `controller`: the trainer runs a node's forward only when one of its
 * outputs is wanted, and it wants the loss and the metrics. As a metric the node's forward
 * runs in every training step (counting dead units for the dynamic DNR) and in every
 * evaluation (the DNR on the eval split shows next to accuracy); its hooks run either way.
 */
import { definePlugin, tensorValue, type InferResult, type PortSpec } from '../../runtime/sdk/index.ts';
import { P_PORTS, Z_PORTS } from './ports.ts';
import { apMaskTorch } from './torch.ts';

export { P_PORTS, Z_PORTS } from './ports.ts';

const zPort: PortSpec = {
  kind: 'tensor',
  rank: { min: 2 },
  optional: true,
  doc: 'pre-activation of a managed layer that feeds a ReLU (wire the dense/conv output, activation none)',
};
const pPort: PortSpec = {
  kind: 'tensor',
  rank: { min: 2 },
  optional: true,
  doc: 'output of a managed layer without a ReLU after it (e.g. the last layer): pruned, not counted in the DNR',
};

/** `apmask`: the AP pruning controller. */
export const apMaskSpec = definePlugin({
  id: 'apmask',
  version: '1.0.0',
  title: 'AP pruning mask',
  category: 'training',
  role: 'metric',
  doc: 'Iterative magnitude pruning of the kernels of the layers wired into it, every cycleSteps steps, with Activate-while-Pruning: apRate of the pruneRate goes to negative weights that moved least, lowering the dead-neuron rate. Reports DNR and sparsity per cycle.',
  paper: {
    title: 'AP: Selective Activation for De-sparsifying Pruned Networks',
    url: 'https://arxiv.org/abs/2212.06145',
  },
  inputs: {
    ...Object.fromEntries(Z_PORTS.map((p) => [p, zPort])),
    ...Object.fromEntries(P_PORTS.map((p) => [p, pPort])),
  },
  outputs: {
    value: { kind: 'tensor', rank: 0, doc: 'dead-neuron rate of this batch: #(z ≤ 0) / #z pooled over the z inputs' },
  },
  params: {
    pruneRate: { kind: 'float', default: 20, min: 0, max: 100, doc: 'Percent of the alive weights removed per cycle.' },
    apRate: { kind: 'float', default: 2, min: 0, max: 100, doc: 'Part of pruneRate removed by AP (0 = plain IMP).' },
    cycleSteps: { kind: 'int', min: 2, doc: 'Training steps per pruning cycle (evaluate every cycleSteps to get accuracy per sparsity).' },
    numCycles: { kind: 'int', min: 0, doc: 'Number of pruning events; training continues after the last one.' },
    baseMethod: { kind: 'enum', options: ['magnitude'], default: 'magnitude' },
    scope: {
      kind: 'enum',
      options: ['global', 'layerwise'],
      default: 'global',
      doc: 'Rank weights across all managed layers or within each layer.',
    },
    rewind: {
      kind: 'enum',
      options: ['init', 'reinit', 'none'],
      default: 'init',
      doc: "After pruning: back to the initial weights (lottery ticket), a fresh draw, or keep training ('none').",
    },
    resetOptimizerEachCycle: { kind: 'bool', default: true, doc: 'Forget optimiser moments after each pruning event.' },
    dnrWindowSteps: { kind: 'int', default: 0, min: 0, doc: 'Steps per dynamic-DNR window; 0 = cycleSteps.' },
  },
  keyParams: ['pruneRate', 'apRate', 'cycleSteps'],
  torch: apMaskTorch,
  examples: [{ params: { cycleSteps: 10, numCycles: 2 }, inputs: { z0: { shape: [4, 6] }, z1: { shape: [4, 3] } } }],
  infer(ctx): InferResult {
    const { pruneRate, apRate } = ctx.params;
    if (!(pruneRate > 0 && pruneRate < 100)) return ctx.fail('pruneRate must be in (0, 100)', { param: 'pruneRate' });
    if (apRate > pruneRate) return ctx.fail(`apRate ${apRate} must not exceed pruneRate ${pruneRate}`, { param: 'apRate' });
    const wired = [...Z_PORTS, ...P_PORTS].filter((p) => ctx.inputs[p] !== undefined);
    if (wired.length === 0) {
      return ctx.fail('wire at least one managed layer into z0 (pre-activation feeding a ReLU) or p0', { port: 'z0' });
    }
    return {
      outputs: { value: tensorValue([]) },
      // dynamic-DNR window counters per z port, accumulated in the training forward
      state: { deadCounts: { shape: [Z_PORTS.length] }, totalCounts: { shape: [Z_PORTS.length] } },
    };
  },
});
