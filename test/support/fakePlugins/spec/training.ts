/** Fake training nodes: losses, a metric, optimisers and learning-rate schedules. */
import {
  definePlugin,
  tensorValue,
  type ParamDescriptors,
  type PluginSpec,
  type PortSpec,
} from '../../../../runtime/sdk/index.ts';
import { fakeHead, type SpecHead } from './builders.ts';

/** Inputs of the regression losses. */
const predTarget = { pred: { kind: 'tensor', rank: 2 }, target: { kind: 'tensor', rank: 2 } } as const;
/** Inputs of the classification loss and metric. */
const logitsLabels = { logits: { kind: 'tensor', rank: 2 }, labels: { kind: 'tensor', rank: 2 } } as const;
/** A scalar output. */
const scalar = { kind: 'tensor', rank: 0 } as const;
/** Inputs of the optimisers: the loss to minimise and an optional schedule. */
const optimiserInputs = { loss: scalar, lr: { kind: 'schedule', optional: true } } as const;

/** A loss or metric with no params: `inputs` in, one scalar on output `port`. */
function scalarSpec(head: SpecHead, inputs: Record<string, PortSpec>, port: string): PluginSpec {
  return definePlugin({
    ...head,
    inputs,
    outputs: { [port]: scalar },
    params: {},
    infer: () => ({ outputs: { [port]: tensorValue([]) } }),
  });
}

/** An optimiser node: reads the loss (and an optional schedule), outputs nothing. */
function optimiserSpec<const P extends ParamDescriptors>(head: SpecHead, params: P): PluginSpec<P> {
  return definePlugin({ ...head, inputs: optimiserInputs, outputs: {}, params, infer: () => ({ outputs: {} }) });
}

/** A learning-rate schedule: no inputs, the schedule on output `port`. */
function scheduleSpec<const P extends ParamDescriptors>(head: SpecHead, port: string, params: P): PluginSpec<P> {
  return definePlugin({
    ...head,
    inputs: {},
    outputs: { [port]: { kind: 'schedule' } },
    params,
    infer: () => ({ outputs: { [port]: { kind: 'schedule' } } }),
  });
}

/** Mean squared error that reports a feature-count mismatch on `target`. */
export const testLossSpec = definePlugin({
  ...fakeHead({ role: 'loss', id: 'test.loss', title: 'MSE loss', doc: 'Mean squared error.' }),
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
export const mseSpec = scalarSpec(fakeHead({ role: 'loss', id: 'mse', title: 'MSE', doc: 'mean((pred - target)^2)' }), predTarget, 'loss');

/** Mean softmax cross-entropy (lowering in ../lower.ts). */
export const tCeSpec = scalarSpec(fakeHead({ role: 'loss', id: 't.ce', title: 'CE', doc: 'test loss' }), logitsLabels, 'loss');

/** Classification accuracy (lowering in ../lower.ts). */
export const tAccSpec = scalarSpec(fakeHead({ role: 'metric', id: 't.acc', title: 'Accuracy', doc: 'test metric' }), logitsLabels, 'value');

/** An optimiser node: reads the loss, outputs nothing. */
export const optSpec = optimiserSpec(
  { ...fakeHead({ role: 'optimiser', id: 'opt', title: 'Optimiser', doc: 'Minimises its loss input.' }), version: '2.0.0' },
  { steps: { kind: 'int', default: 10, min: 1 } },
);

/** Plain SGD; run settings from params (lowering in ../lower.ts). */
export const tSgdSpec = optimiserSpec(fakeHead({ role: 'optimiser', id: 't.sgd', title: 'SGD', doc: 'test optimiser' }), {
  lr: { kind: 'float', default: 0.1 },
  steps: { kind: 'int', default: 40 },
  batchSize: { kind: 'int', default: 16 },
  seed: { kind: 'int', default: 1 },
  evalEvery: { kind: 'int', default: 0 },
  clipNorm: { kind: 'float', default: 0 },
});

/** A learning-rate schedule on port `schedule`. */
export const testScheduleSpec = scheduleSpec(
  fakeHead({ role: 'schedule', id: 'test.schedule', title: 'Cosine schedule', doc: 'A learning-rate schedule.' }),
  'schedule',
  {},
);

/** A learning-rate schedule on port `lr`. */
export const schedSpec = scheduleSpec(fakeHead({ role: 'schedule', id: 'sched', title: 'Schedule', doc: 'Constant rate.' }), 'lr', {});

/** Linear decay from `lr`; saves how long the previous run's history was (../lower.ts). */
export const tDecaySpec = scheduleSpec(fakeHead({ role: 'schedule', id: 't.decay', title: 'Decay', doc: 'test schedule' }), 'lr', {
  lr: { kind: 'float', default: 0.2 },
});
