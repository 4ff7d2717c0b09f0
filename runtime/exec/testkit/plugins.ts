/**
 * Small plugins for engine tests (ids `t.*`). They follow the graph conventions of the real
 * plugins (data `x`/`y`, loss port `loss`, metric port `value`, optimiser inputs `loss`/`lr`)
 * so the engine is tested against the contract, not against any built-in plugin.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { definePlugin, tensorValue, type AnyPluginSpec } from '../../sdk/index.ts';
import { defineLowering, type AnyPluginLowering, type DataSource, type OptimiserRule, type TensorMap } from '../../lower/lowering.ts';
import { createRng } from '../../lower/rng.ts';
import { tf } from '../tf.ts';

/** Two Gaussian blobs in 2-D, labels one-hot: linearly separable, learnt in a few steps. */
export const blobsSpec = definePlugin({
  id: 't.blobs', version: '1.0.0', title: 'Blobs', category: 'data', role: 'data', doc: 'test data',
  inputs: {}, outputs: { x: { kind: 'tensor', rank: 2 }, y: { kind: 'tensor', rank: 2 } },
  params: { samples: { kind: 'int', default: 200, min: 4 }, evalSplit: { kind: 'float', default: 0.25 }, gap: { kind: 'float', default: 2 } },
  infer: () => ({ outputs: { x: tensorValue([null, 2]), y: tensorValue([null, 2]) } }),
});

function blobsSource(n: number, evalSplit: number, gap: number, seed: number): DataSource {
  const rng = createRng(seed);
  const xs = new Float32Array(n * 2);
  const ys = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    xs[2 * i] = rng.normal() * 0.5 + (c === 0 ? -gap / 2 : gap / 2);
    xs[2 * i + 1] = rng.normal() * 0.5;
    ys[2 * i + c] = 1;
  }
  const nEval = Math.round(n * evalSplit);
  const rows = (split: 'train' | 'eval'): number[] => {
    const all = [...Array(n).keys()];
    return split === 'eval' ? all.slice(0, nEval) : all.slice(nEval);
  };
  const take = (idx: readonly number[]): TensorMap => ({
    x: tf.tensor2d(Float32Array.from(idx.flatMap((i) => [xs[2 * i]!, xs[2 * i + 1]!])), [idx.length, 2]),
    y: tf.tensor2d(Float32Array.from(idx.flatMap((i) => [ys[2 * i]!, ys[2 * i + 1]!])), [idx.length, 2]),
  });
  return {
    size: { train: n - nEval, eval: nEval },
    batch(split, index, batchSize) {
      const r = rows(split);
      return take(Array.from({ length: batchSize }, (_, j) => r[(index * batchSize + j) % r.length]!));
    },
    all: (split) => take(rows(split)),
    dispose: () => undefined,
  };
}

export const blobsLowering = defineLowering(blobsSpec, {
  id: 't.blobs',
  source: ({ params, rng }) => blobsSource(params.samples, params.evalSplit, params.gap, rng.seed),
});

/** Dense layer with optional activation, L1/L2 penalties and lrScale on the kernel. */
export const denseSpec = definePlugin({
  id: 't.dense', version: '1.0.0', title: 'Dense', category: 'layers', role: 'layer', doc: 'test dense',
  inputs: { x: { kind: 'tensor', rank: 2 } }, outputs: { y: { kind: 'tensor', rank: 2 } },
  params: {
    units: { kind: 'int', default: 4, min: 1 },
    activation: { kind: 'enum', options: ['none', 'relu', 'tanh'], default: 'none' },
    l1: { kind: 'float', default: 0 },
    l2: { kind: 'float', default: 0 },
    lrScale: { kind: 'float', default: 1 },
    customInit: { kind: 'bool', default: false },
  },
  infer: ({ params, inputs }) => {
    const x = inputs.x;
    const inDim = x?.kind === 'tensor' ? (x.shape[1] ?? 1) : 1;
    const optim = { l1: params.l1, l2: params.l2, lrScale: params.lrScale };
    return {
      outputs: { y: tensorValue([x?.kind === 'tensor' ? (x.shape[0] ?? null) : null, params.units]) },
      weights: {
        kernel: { shape: [inDim, params.units], init: params.customInit ? { kind: 'custom' } : { kind: 'glorotUniform' }, optim },
        bias: { shape: [params.units], init: { kind: 'zeros' } },
      },
    };
  },
});

export const denseLowering = defineLowering(denseSpec, {
  id: 't.dense',
  initWeights: ({ params, shapes }): Record<string, Float32Array> => {
    if (!params.customInit) return {};
    const shape = shapes.weights?.kernel?.shape ?? [];
    return { kernel: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i / 10) };
  },
  apply: ({ x }, { weights, params }) => {
    const z = tf.add(tf.matMul(x as tfc.Tensor2D, weights.kernel as tfc.Tensor2D), weights.bias!);
    if (params.activation === 'relu') return { y: tf.relu(z) };
    if (params.activation === 'tanh') return { y: tf.tanh(z) };
    return { y: z };
  },
});

/** Mean softmax cross-entropy. */
export const ceSpec = definePlugin({
  id: 't.ce', version: '1.0.0', title: 'CE', category: 'loss', role: 'loss', doc: 'test loss',
  inputs: { logits: { kind: 'tensor', rank: 2 }, labels: { kind: 'tensor', rank: 2 } }, outputs: { loss: { kind: 'tensor', rank: 0 } },
  params: {},
  infer: () => ({ outputs: { loss: tensorValue([]) } }),
});
export const ceLowering = defineLowering(ceSpec, {
  id: 't.ce',
  apply: ({ logits, labels }) => ({ loss: tf.losses.softmaxCrossEntropy(labels!, logits!) }),
});

/** Classification accuracy. */
export const accSpec = definePlugin({
  id: 't.acc', version: '1.0.0', title: 'Accuracy', category: 'metric', role: 'metric', doc: 'test metric',
  inputs: { logits: { kind: 'tensor', rank: 2 }, labels: { kind: 'tensor', rank: 2 } }, outputs: { value: { kind: 'tensor', rank: 0 } },
  params: {},
  infer: () => ({ outputs: { value: tensorValue([]) } }),
});
export const accLowering = defineLowering(accSpec, {
  id: 't.acc',
  apply: ({ logits, labels }) => ({ value: tf.mean(tf.cast(tf.equal(tf.argMax(logits!, 1), tf.argMax(labels!, 1)), 'float32')) }),
});

/** Plain SGD; run settings from params. */
export const sgdSpec = definePlugin({
  id: 't.sgd', version: '1.0.0', title: 'SGD', category: 'optimiser', role: 'optimiser', doc: 'test optimiser',
  inputs: { loss: { kind: 'tensor', rank: 0 }, lr: { kind: 'schedule', optional: true } }, outputs: {},
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

/** Counts calls so tests can see how the trainer drives a rule. */
export const sgdCalls = { apply: 0, reset: 0, lrs: [] as number[] };

function sgdRule(): OptimiserRule {
  return {
    apply(grads, vars, lr) {
      sgdCalls.apply++;
      sgdCalls.lrs.push(lr);
      for (const [k, g] of Object.entries(grads)) vars[k]!.assign(tf.sub(vars[k]!, tf.mul(g, lr)));
    },
    reset() {
      sgdCalls.reset++;
    },
    dispose: () => undefined,
  };
}
export const sgdLowering = defineLowering(sgdSpec, {
  id: 't.sgd',
  optimiser: ({ params }) => ({
    settings: { steps: params.steps, batchSize: params.batchSize, seed: params.seed, evalEvery: params.evalEvery, lr: params.lr },
    rule: sgdRule(),
    clipNorm: params.clipNorm,
  }),
});

/** Linear decay from `lr`; saves how long the previous run's history was. */
export const decaySpec = definePlugin({
  id: 't.decay', version: '1.0.0', title: 'Decay', category: 'schedule', role: 'schedule', doc: 'test schedule',
  inputs: {}, outputs: { lr: { kind: 'schedule' } },
  params: { lr: { kind: 'float', default: 0.2 } },
  infer: () => ({ outputs: { lr: { kind: 'schedule' } } }),
});
export const decayLowering = defineLowering(decaySpec, {
  id: 't.decay',
  schedule: (ctx) => {
    const { params, totalSteps, history } = ctx;
    ctx.saveData({ previousSteps: history?.gradNorms.length ?? 0 });
    return Float32Array.from({ length: totalSteps }, (_, i) => params.lr * (1 - i / totalSteps));
  },
});

/** y = sqrt(x): NaN for negative inputs (to test divergence reports). */
export const sqrtSpec = definePlugin({
  id: 't.sqrt', version: '1.0.0', title: 'Sqrt', category: 'activation', role: 'layer', doc: 'test sqrt',
  inputs: { x: { kind: 'tensor' } }, outputs: { y: { kind: 'tensor' } }, params: {},
  infer: ({ inputs }) => ({ outputs: { y: inputs.x! } }),
});
export const sqrtLowering = defineLowering(sqrtSpec, { id: 't.sqrt', apply: ({ x }) => ({ y: tf.sqrt(x!) }) });

/** Returns its input tensor itself (as pass-through nodes do). */
export const identitySpec = definePlugin({
  id: 't.identity', version: '1.0.0', title: 'Identity', category: 'other', role: 'layer', doc: 'y = x, same tensor',
  inputs: { x: { kind: 'tensor' } }, outputs: { y: { kind: 'tensor' } }, params: {},
  infer: ({ inputs }) => ({ outputs: { y: inputs.x! } }),
});
export const identityLowering = defineLowering(identitySpec, { id: 't.identity', apply: ({ x }) => ({ y: x! }) });

/** Throws in apply. */
export const boomSpec = definePlugin({
  id: 't.boom', version: '1.0.0', title: 'Boom', category: 'other', role: 'layer', doc: 'throws',
  inputs: { x: { kind: 'tensor' } }, outputs: { y: { kind: 'tensor' } }, params: {},
  infer: ({ inputs }) => ({ outputs: { y: inputs.x! } }),
});
export const boomLowering = defineLowering(boomSpec, {
  id: 't.boom',
  apply: ({ x }) => {
    tf.mul(x!, 2); // a tensor made before the throw must not leak
    throw new Error('kaboom');
  },
});

/** Run memories the freeze node made and freed (`ctx.runMemory`), for the trainer tests. */
export const freezeMemoryLog = { created: 0, disposed: 0 };

/** The freeze node's run memory: steps seen by its hooks in this run. */
function freezeMemory(): { steps: number; dispose(): void } {
  freezeMemoryLog.created += 1;
  return {
    steps: 0,
    dispose() {
      freezeMemoryLog.disposed += 1;
    },
  };
}

/**
 * Pass-through whose hooks freeze the node wired into `x` (zero gradients), count steps in
 * state and in its run memory, read the count back with `ctx.read`, report diagnostics and
 * save data: exercises every hook.
 */
export const freezeSpec = definePlugin({
  id: 't.freeze', version: '1.0.0', title: 'Freeze', category: 'training', role: 'layer', doc: 'freezes upstream',
  inputs: { x: { kind: 'tensor' } }, outputs: { y: { kind: 'tensor' } }, params: { freeze: { kind: 'bool', default: true }, failAtStep: { kind: 'int', default: 0, min: 0 }, readInGradients: { kind: 'bool', default: false } },
  infer: ({ inputs }) => ({ outputs: { y: inputs.x! }, state: { count: { shape: [], initial: 0 } } }),
});
export const freezeLowering = defineLowering(freezeSpec, {
  id: 't.freeze',
  apply: ({ x }, ctx) => {
    ctx.report('meanAbs', tf.mean(tf.abs(x!)));
    return { y: tf.clone(x!) };
  },
  hooks: {
    beforeRun: (ctx) => {
      ctx.report('started', 1);
    },
    transformGradients: (grads, ctx) => {
      if (ctx.params.readInGradients) ctx.read([], () => undefined);
      if (!ctx.params.freeze) return grads;
      const up = ctx.upstream.x!;
      const out: TensorMap = {};
      for (const [k, g] of Object.entries(grads)) out[k] = k.startsWith(`${up}/`) ? tf.zerosLike(g) : g;
      return out;
    },
    afterStep: (ctx) => {
      const c = ctx.state.count!;
      c.assign(tf.add(c, 1));
      ctx.runMemory(freezeMemory).steps += 1;
      if (ctx.step === ctx.params.failAtStep) throw new Error(`freeze failed at step ${String(ctx.step)}`);
      ctx.report('normsSeen', ctx.runHistory.gradNorms.length);
      // read back asynchronously; the continuation runs (and may read again) before the next step
      ctx.read([c], ([count]) => {
        ctx.report('countRead', count![0]!);
        ctx.read([tf.mul(c, 10)], ([tenfold]) => {
          ctx.report('tenfoldRead', tenfold![0]!);
        });
      });
    },
    afterRun: (ctx) => {
      ctx.saveData({
        steps: ctx.step,
        norms: ctx.runHistory.gradNorms.length,
        type: ctx.typeOf(ctx.upstream.x!) ?? '',
        memorySteps: ctx.runMemory(freezeMemory).steps,
      });
    },
  },
});

/** Every test spec and lowering. */
export const testSpecs: readonly AnyPluginSpec[] = [blobsSpec, denseSpec, ceSpec, accSpec, sgdSpec, decaySpec, sqrtSpec, boomSpec, freezeSpec, identitySpec];
export const testLowerings: readonly AnyPluginLowering[] = [
  blobsLowering, denseLowering, ceLowering, accLowering, sgdLowering, decayLowering, sqrtLowering, boomLowering, freezeLowering, identityLowering,
];
