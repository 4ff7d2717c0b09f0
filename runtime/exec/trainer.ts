/**
 * The training loop over a plan and its lowerings. Everything node-specific goes through
 * roles, lowering callbacks and hooks: no plugin id is special-cased here. Deterministic: the
 * same plan, seed and backend give identical metrics.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { atStep, NetwrightError } from '../sdk/errors.ts';
import type { ExecutionPlan } from '../compile/plan.ts';
import { disposeReports, forward } from './executor.ts';
import { callHooks, type HookEnv } from './hooks.ts';
import type { DataSource, TensorMap } from '../lower/lowering.ts';
import { setupRun, type RunSetup } from './runSetup.ts';
import { tf } from './tf.ts';
import type { Metrics, NodeDiagnostics, ProgressCallback, RunControl, TrainOptions, TrainResult } from './trainTypes.ts';
import { readScalars } from './readback.ts';
import { checkedStep, stepOnDevice, type ReadStep, type StepEnv } from './trainStep.ts';
import { DEFAULT_READBACK_MS, DEFAULT_READBACK_STEPS, ReadbackInterval } from './readbackInterval.ts';
import type { LoweringMap } from './lowerings.ts';
import type { WeightStore } from './weights.ts';

interface TimerHost {
  setTimeout(fn: () => void, ms: number): unknown;
}

/** Lets queued messages (stop, pause) in; a macrotask, since microtasks would not. */
function yieldToEventLoop(ms = 0): Promise<void> {
  return new Promise((resolve) => {
    (globalThis as unknown as TimerHost).setTimeout(resolve, ms);
  });
}

async function waitWhilePaused(control: RunControl | undefined): Promise<void> {
  while (control?.paused && !control.stopped) await yieldToEventLoop(50);
}

function trainBatch(sources: ReadonlyMap<string, DataSource>, step: number, batchSize: number): Record<string, TensorMap> {
  const feeds: Record<string, TensorMap> = {};
  try {
    for (const [node, source] of sources) {
      // Contract: `index` counts batches within an epoch; a partial last batch is dropped.
      const perEpoch = Math.max(1, Math.floor(source.size.train / batchSize));
      feeds[node] = source.batch('train', (step - 1) % perEpoch, batchSize);
    }
  } catch (e) {
    for (const f of Object.values(feeds)) tf.dispose(f);
    throw e;
  }
  return feeds;
}

/**
 * Evaluates loss and every metric on the eval split (the train split for sources without
 * one), in inference mode, reading the values with `read` (default: a readback of their own).
 */
export async function evaluate(
  plan: ExecutionPlan,
  lowerings: LoweringMap,
  store: WeightStore,
  setup: RunSetup,
  read: (scalars: readonly tfc.Tensor[]) => Promise<number[]> = readScalars,
): Promise<Metrics> {
  const feeds: Record<string, TensorMap> = {};
  try {
    for (const [node, source] of setup.sources) feeds[node] = source.all(source.size.eval > 0 ? 'eval' : 'train');
    const r = forward(plan, lowerings, {
      weights: store.weights,
      state: store.state,
      feeds,
      training: false,
      step: 0,
      seed: setup.settings.seed,
      outputs: [setup.lossKey, ...Object.values(setup.metricKeys)],
    });
    disposeReports(r.reports);
    try {
      const named = Object.entries(setup.metricKeys);
      const values = await read([r.outputs[setup.lossKey]!, ...named.map(([, key]) => r.outputs[key]!)]);
      const metrics: Metrics = { loss: values[0]! };
      named.forEach(([name], i) => {
        metrics[name] = values[1 + i]!;
      });
      return metrics;
    } finally {
      tf.dispose(r.outputs);
    }
  } finally {
    for (const f of Object.values(feeds)) tf.dispose(f);
  }
}

function trainableVariables(store: WeightStore): Map<string, tfc.Variable> {
  const out = new Map<string, tfc.Variable>();
  for (const [key, v] of store.byKey) if (v.trainable) out.set(key, v);
  if (out.size === 0) throw new NetwrightError('TRAIN_NO_WEIGHTS', 'the graph has no trainable weights: nothing to train');
  return out;
}

/**
 * Replays the steps of an interval from its start, each checked before its update, up to the
 * step whose loss the readback found non-finite; that step's check throws the error that names
 * the node. Throws a plainer one should the replay not reproduce it.
 */
async function replayNonFinite(env: StepEnv, interval: ReadbackInterval, from: number, bad: ReadStep): Promise<never> {
  const { setup } = env;
  if (interval.restore().created) setup.rule.reset();
  for (let k = from; k <= bad.step; k++) {
    const feeds = trainBatch(setup.sources, k, setup.settings.batchSize);
    try {
      (await checkedStep(env, feeds, k, setup.lrs[k - 1]!, {})).values.dispose();
    } finally {
      for (const f of Object.values(feeds)) tf.dispose(f);
    }
    if (k < bad.step) await callHooks(setup.hooked, env.hookEnv, 'afterStep', k);
  }
  throw new NetwrightError(
    'TRAIN_NONFINITE',
    `loss became ${bad.loss} at step ${bad.step} (replaying the steps since the last readback did not reproduce it, so no node is named; try a lower learning rate, gradient clipping, or check the data)`,
    {},
    bad.step,
  );
}

/**
 * Trains the weights in `store` in place. Steps do not wait on the device: their numbers are read
 * back once per interval ({@link ReadbackInterval}) and the step events of an interval go out
 * together, in order.
 * @throws NetwrightError naming the node, and the step once training began, when the graph cannot
 *   train or diverges.
 */
export async function train(
  plan: ExecutionPlan,
  lowerings: LoweringMap,
  store: WeightStore,
  options: TrainOptions = {},
  onProgress: ProgressCallback = () => undefined,
): Promise<TrainResult> {
  const trainable = trainableVariables(store);
  const setup = setupRun(plan, lowerings, options);
  const { settings, lrs } = setup;
  const backend = options.backend ?? tf.getBackend();
  const gradNorms: number[] = [];
  const savedData: Record<string, Record<string, unknown>> = { ...setup.savedData };
  let diagnostics: NodeDiagnostics = {};
  const hookEnv: HookEnv = {
    plan,
    store,
    totalSteps: settings.steps,
    runHistory: { gradNorms },
    get diagnostics() {
      return diagnostics;
    },
    savedData,
    memory: setup.memory,
    resetOptimiser: () => {
      setup.rule.reset();
    },
  };
  const env: StepEnv = { plan, lowerings, store, setup, hookEnv, trainable };
  const interval = new ReadbackInterval({
    ms: options.readbackMs ?? DEFAULT_READBACK_MS,
    steps: Math.max(1, Math.floor(options.readbackSteps ?? DEFAULT_READBACK_STEPS)),
  });
  const started = Date.now();
  let trainingMs = 0;
  let lastYield = started;
  let step = 0;
  let stopped = false;
  /** Reads the open interval back and sends its step events; replays a non-finite step (throws). */
  const readInterval = async (extra: readonly tfc.Tensor[] = []): Promise<readonly number[]> => {
    const t0 = Date.now();
    const read = await interval.read(extra);
    trainingMs += Date.now() - t0;
    for (const r of read.finite) {
      gradNorms.push(r.gradNorm);
      const stepsPerSecond = (gradNorms.length * 1000) / Math.max(trainingMs, 1);
      onProgress({
        event: 'step',
        step: r.step,
        totalSteps: settings.steps,
        loss: r.loss,
        metrics: r.metrics,
        lr: r.lr,
        gradNorm: r.gradNorm,
        stepsPerSecond,
        etaSeconds: (settings.steps - r.step) / stepsPerSecond,
        diagnostics: r.diagnostics,
      });
    }
    if (read.nonFinite) await replayNonFinite(env, interval, read.firstStep, read.nonFinite);
    return read.extra;
  };
  try {
    onProgress({ event: 'start', totalSteps: settings.steps, batchSize: settings.batchSize, seed: settings.seed, backend });
    await callHooks(setup.hooked, hookEnv, 'beforeRun', 0);
    for (step = 1; step <= settings.steps; step++) {
      if (options.control?.paused || options.control?.stopped) await readInterval();
      await waitWhilePaused(options.control);
      if (options.control?.stopped) {
        stopped = true;
        step--;
        break;
      }
      const t0 = Date.now();
      diagnostics = {};
      const lr = lrs[step - 1]!;
      interval.beforeStep(setup.rule.checkpoint?.bind(setup.rule));
      const feeds = trainBatch(setup.sources, step, settings.batchSize);
      try {
        interval.add(stepOnDevice(env, feeds, step, lr, diagnostics));
      } finally {
        for (const f of Object.values(feeds)) tf.dispose(f);
      }
      await callHooks(setup.hooked, hookEnv, 'afterStep', step);
      trainingMs += Date.now() - t0;
      if (settings.evalEvery > 0 && step % settings.evalEvery === 0 && step < settings.steps) {
        // The evaluation's numbers come back with the interval's, in one readback.
        const metrics = await evaluate(plan, lowerings, store, setup, (scalars) => readInterval(scalars).then((v) => [...v]));
        onProgress({ event: 'eval', step, metrics });
      } else if (step === settings.steps || interval.due()) {
        await readInterval();
      }
      if (Date.now() - lastYield > 40) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
    }
    if (step > settings.steps) step = settings.steps;
    await readInterval();
    diagnostics = {};
    await callHooks(setup.hooked, hookEnv, 'afterRun', step);
    const metrics = await evaluate(plan, lowerings, store, setup);
    onProgress({ event: 'eval', step, metrics });
    const seconds = (Date.now() - started) / 1000;
    onProgress({ event: 'done', metrics, steps: step, seconds, backend, stopped });
    return { steps: step, seconds, stopped, metrics, history: { gradNorms: [...gradNorms] }, savedData, settings };
  } catch (e) {
    // The failure carries the step it happened at (the run panel shows it, a stored run keeps it).
    throw step >= 1 ? atStep(e, Math.min(step, settings.steps)) : e;
  } finally {
    interval.dispose();
    setup.dispose();
  }
}
