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
import { trainStep, type StepEnv } from './trainStep.ts';
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
 * one), in inference mode.
 */
export async function evaluate(plan: ExecutionPlan, lowerings: LoweringMap, store: WeightStore, setup: RunSetup): Promise<Metrics> {
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
      const values = await readScalars([r.outputs[setup.lossKey]!, ...named.map(([, key]) => r.outputs[key]!)]);
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
 * Trains the weights in `store` in place.
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
  const started = Date.now();
  let trainingMs = 0;
  let lastYield = started;
  let step = 0;
  let stopped = false;
  try {
    onProgress({ event: 'start', totalSteps: settings.steps, batchSize: settings.batchSize, seed: settings.seed, backend });
    await callHooks(setup.hooked, hookEnv, 'beforeRun', 0);
    for (step = 1; step <= settings.steps; step++) {
      await waitWhilePaused(options.control);
      if (options.control?.stopped) {
        stopped = true;
        step--;
        break;
      }
      const t0 = Date.now();
      diagnostics = {};
      const lr = lrs[step - 1]!;
      const feeds = trainBatch(setup.sources, step, settings.batchSize);
      let outcome;
      try {
        outcome = await trainStep(env, feeds, step, lr, diagnostics);
      } finally {
        for (const f of Object.values(feeds)) tf.dispose(f);
      }
      gradNorms.push(outcome.gradNorm);
      await callHooks(setup.hooked, hookEnv, 'afterStep', step);
      trainingMs += Date.now() - t0;
      const stepsPerSecond = (step * 1000) / Math.max(trainingMs, 1);
      onProgress({
        event: 'step',
        step,
        totalSteps: settings.steps,
        loss: outcome.loss,
        metrics: outcome.metrics,
        lr,
        gradNorm: outcome.gradNorm,
        stepsPerSecond,
        etaSeconds: (settings.steps - step) / stepsPerSecond,
        diagnostics,
      });
      if (settings.evalEvery > 0 && step % settings.evalEvery === 0 && step < settings.steps) {
        onProgress({ event: 'eval', step, metrics: await evaluate(plan, lowerings, store, setup) });
      }
      if (Date.now() - lastYield > 40) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
    }
    if (step > settings.steps) step = settings.steps;
    diagnostics = {};
    await callHooks(setup.hooked, hookEnv, 'afterRun', step);
    const metrics = await evaluate(plan, lowerings, store, setup);
    onProgress({ event: 'eval', step, metrics });
    const seconds = (Date.now() - started) / 1000;
    onProgress({ event: 'done', metrics, steps: step, seconds, backend, stopped });
    return { steps: step, seconds, stopped, metrics, history: { gradNorms: [...gradNorms] }, savedData, settings };
  } catch (e) {
    // The failure carries the step it happened at (the run panel shows it, a stored run keeps it).
    throw step >= 1 ? atStep(e, step) : e;
  } finally {
    setup.dispose();
  }
}
