/**
 * Lowerings of the `t.*` fake plugins (tfjs), for the engine's tests. Some record what the
 * engine did with them ({@link sgdCalls}, {@link freezeMemoryLog}) so tests can check it.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import {
  createRng,
  defineLowering,
  type AnyPluginLowering,
  type DataSource,
  type OptimiserRule,
  type TensorMap,
} from '../../../runtime/exec/sdk.ts';
import { tf } from '../../../runtime/exec/tf.ts';
import * as fake from './spec/index.ts';

/** Two Gaussian blobs in 2-D, labels one-hot: linearly separable, learnt in a few steps. */
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

const blobsLowering = defineLowering(fake.tBlobsSpec, {
  id: 't.blobs',
  source: ({ params, rng }) => blobsSource(params.samples, params.evalSplit, params.gap, rng.seed),
});

const denseLowering = defineLowering(fake.tDenseSpec, {
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

const ceLowering = defineLowering(fake.tCeSpec, {
  id: 't.ce',
  apply: ({ logits, labels }) => ({ loss: tf.losses.softmaxCrossEntropy(labels!, logits!) }),
});

const accLowering = defineLowering(fake.tAccSpec, {
  id: 't.acc',
  apply: ({ logits, labels }) => ({
    value: tf.mean(tf.cast(tf.equal(tf.argMax(logits!, 1), tf.argMax(labels!, 1)), 'float32')),
  }),
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

const sgdLowering = defineLowering(fake.tSgdSpec, {
  id: 't.sgd',
  optimiser: ({ params }) => ({
    settings: {
      steps: params.steps,
      batchSize: params.batchSize,
      seed: params.seed,
      evalEvery: params.evalEvery,
      lr: params.lr,
    },
    rule: sgdRule(),
    clipNorm: params.clipNorm,
  }),
});

const decayLowering = defineLowering(fake.tDecaySpec, {
  id: 't.decay',
  schedule: (ctx) => {
    const { params, totalSteps, history } = ctx;
    ctx.saveData({ previousSteps: history?.gradNorms.length ?? 0 });
    return Float32Array.from({ length: totalSteps }, (_, i) => params.lr * (1 - i / totalSteps));
  },
});

const sqrtLowering = defineLowering(fake.tSqrtSpec, { id: 't.sqrt', apply: ({ x }) => ({ y: tf.sqrt(x!) }) });

const identityLowering = defineLowering(fake.tIdentitySpec, {
  id: 't.identity',
  apply: ({ x }) => ({ y: x! }),
});

const boomLowering = defineLowering(fake.tBoomSpec, {
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
 * Hooks that freeze the node wired into `x` (zero gradients), count steps in state and in
 * its run memory, read the count back with `ctx.read`, report diagnostics and save data:
 * exercises every hook.
 */
const freezeLowering = defineLowering(fake.tFreezeSpec, {
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

/** The lowering of every `t.*` fake. */
export const testLowerings: readonly AnyPluginLowering[] = [
  blobsLowering,
  denseLowering,
  ceLowering,
  accLowering,
  sgdLowering,
  decayLowering,
  sqrtLowering,
  boomLowering,
  freezeLowering,
  identityLowering,
];
