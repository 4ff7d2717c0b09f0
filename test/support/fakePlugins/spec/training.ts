/** Fake training nodes: losses, a metric, optimisers and learning-rate schedules. */
import { definePlugin, tensorValue } from '../../../../runtime/sdk/index.ts';

/** Inputs of the regression losses. */
const predTarget = { pred: { kind: 'tensor', rank: 2 }, target: { kind: 'tensor', rank: 2 } } as const;
/** Inputs of the classification loss and metric. */
const logitsLabels = { logits: { kind: 'tensor', rank: 2 }, labels: { kind: 'tensor', rank: 2 } } as const;
/** A scalar output. */
const scalar = { kind: 'tensor', rank: 0 } as const;

/** Mean squared error that reports a feature-count mismatch on `target`. */
export const testLossSpec = definePlugin({
  id: 'test.loss',
  version: '1.0.0',
  title: 'MSE loss',
  category: 'loss',
  role: 'loss',
  doc: 'Mean squared error.',
  inputs: predTarget,
  outputs: { loss: scalar },
  params: {},
  infer(ctx) {
    const p = ctx.inputs.pred;
    const t = ctx.inputs.target;
    if (p?.kind === 'tensor' && t?.kind === 'tensor' && p.shape[1] !== t.shape[1]) {
      return ctx.fail(`pred has ${p.shape[1]} features but target has ${t.shape[1]}`, { port: 'target' });
    }
    return { outputs: { loss: tensorValue([]) } };
  },
});

/** Mean squared error: a scalar loss. */
export const mseSpec = definePlugin({
  id: 'mse',
  version: '1.0.0',
  title: 'MSE',
  category: 'loss',
  role: 'loss',
  doc: 'mean((pred - target)^2)',
  inputs: predTarget,
  outputs: { loss: scalar },
  params: {},
  infer: () => ({ outputs: { loss: tensorValue([]) } }),
});

/** Mean softmax cross-entropy (lowering in ../lower.ts). */
export const tCeSpec = definePlugin({
  id: 't.ce',
  version: '1.0.0',
  title: 'CE',
  category: 'loss',
  role: 'loss',
  doc: 'test loss',
  inputs: logitsLabels,
  outputs: { loss: scalar },
  params: {},
  infer: () => ({ outputs: { loss: tensorValue([]) } }),
});

/** Classification accuracy (lowering in ../lower.ts). */
export const tAccSpec = definePlugin({
  id: 't.acc',
  version: '1.0.0',
  title: 'Accuracy',
  category: 'metric',
  role: 'metric',
  doc: 'test metric',
  inputs: logitsLabels,
  outputs: { value: scalar },
  params: {},
  infer: () => ({ outputs: { value: tensorValue([]) } }),
});

/** Inputs of the optimisers: the loss to minimise and an optional schedule. */
const optimiserInputs = { loss: scalar, lr: { kind: 'schedule', optional: true } } as const;

/** An optimiser node: reads the loss, outputs nothing. */
export const optSpec = definePlugin({
  id: 'opt',
  version: '2.0.0',
  title: 'Optimiser',
  category: 'optimiser',
  role: 'optimiser',
  doc: 'Minimises its loss input.',
  inputs: optimiserInputs,
  outputs: {},
  params: { steps: { kind: 'int', default: 10, min: 1 } },
  infer: () => ({ outputs: {} }),
});

/** Plain SGD; run settings from params (lowering in ../lower.ts). */
export const tSgdSpec = definePlugin({
  id: 't.sgd',
  version: '1.0.0',
  title: 'SGD',
  category: 'optimiser',
  role: 'optimiser',
  doc: 'test optimiser',
  inputs: optimiserInputs,
  outputs: {},
  params: {
    lr: { kind: 'float', default: 0.1 },
    steps: { kind: 'int', default: 40 },
    batchSize: { kind: 'int', default: 16 },
    seed: { kind: 'int', default: 1 },
    evalEvery: { kind: 'int', default: 0 },
    clipNorm: { kind: 'float', default: 0 },
  },
  infer: () => ({ outputs: {} }),
});

/** A learning-rate schedule on port `schedule`. */
export const testScheduleSpec = definePlugin({
  id: 'test.schedule',
  version: '1.0.0',
  title: 'Cosine schedule',
  category: 'schedule',
  role: 'schedule',
  doc: 'A learning-rate schedule.',
  inputs: {},
  outputs: { schedule: { kind: 'schedule' } },
  params: {},
  infer: () => ({ outputs: { schedule: { kind: 'schedule' } } }),
});

/** A learning-rate schedule on port `lr`. */
export const schedSpec = definePlugin({
  id: 'sched',
  version: '1.0.0',
  title: 'Schedule',
  category: 'schedule',
  role: 'schedule',
  doc: 'Constant rate.',
  inputs: {},
  outputs: { lr: { kind: 'schedule' } },
  params: {},
  infer: () => ({ outputs: { lr: { kind: 'schedule' } } }),
});

/** Linear decay from `lr`; saves how long the previous run's history was (../lower.ts). */
export const tDecaySpec = definePlugin({
  id: 't.decay',
  version: '1.0.0',
  title: 'Decay',
  category: 'schedule',
  role: 'schedule',
  doc: 'test schedule',
  inputs: {},
  outputs: { lr: { kind: 'schedule' } },
  params: { lr: { kind: 'float', default: 0.2 } },
  infer: () => ({ outputs: { lr: { kind: 'schedule' } } }),
});
