/**
 * The time profile of a plan's training step: where a step's time goes, by node (forward,
 * backward, the optimiser's update) and by kernel type. Behind `netwright profile` and the
 * editor's heat strips.
 *
 * On its own weights (drawn from the seed; the caller's are not touched), after warm-up rounds
 * (at least one, more while they took under 300 ms: a tiny graph's first steps are the JIT's),
 * each profiled step is measured three ways, each on a step of its own:
 * 1. per node (profileNodes.ts): the real forward captures every node's inputs, then each node
 *    runs alone, forward and backward, in reverse order; the weights' gradients it yields go
 *    through the optimiser's update rule, timed as the optimiser node's time;
 * 2. the whole step, un-instrumented (batch, `trainStep`, `afterStep` hooks): the step time
 *    the node rows are a share of;
 * 3. the whole step under tfjs's profiler: kernels by type, and each kernel's time.
 * Every time in one profiled step (a node's forward or backward, a batch, the update, the whole
 * step) is the faster of two runs, so that a garbage collection or a preempted thread on a busy
 * machine counts for neither the nodes nor the step; reported times are medians over the
 * profiled steps. How regions are timed: profileClock.ts.
 */
import { NetwrightError } from '../sdk/errors.ts';
import type { ExecutionPlan } from '../compile/plan.ts';
import type { TensorMap } from '../lower/lowering.ts';
import { missingLowerings } from './executor.ts';
import { callHooks, type HookEnv } from './hooks.ts';
import type { LoweringMap } from './lowerings.ts';
import { clockMs, regionClock, type RegionClock } from './profileClock.ts';
import { captureForward, measureNodes } from './profileNodes.ts';
import { profileReport, type KernelRecord, type NodeSamples } from './profileReport.ts';
import type { PlanProfile, ProfileOptions } from './profileTypes.ts';
import { runSettings, setupRun, type RunSetup } from './runSetup.ts';
import { tf } from './tf.ts';
import type { NodeDiagnostics } from './trainTypes.ts';
import { applyUpdate, readPending, stepOnDevice, type StepEnv } from './trainStep.ts';
import { createWeights } from './weights.ts';

/** Profiled steps when the options name none. */
export const DEFAULT_PROFILE_STEPS = 5;

/** Runs of each timed region per profiled step (the faster counts; see profileNodes.ts). */
const RUNS = 2;

/** Warm-up rounds go on while they took less than this (ms), up to {@link MAX_WARMUP_ROUNDS}. */
const WARMUP_MS = 300;
const MAX_WARMUP_ROUNDS = 10;

interface TimerHost {
  setTimeout(fn: () => void, ms: number): unknown;
}

/** Lets queued messages (a stop) in between steps. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    (globalThis as unknown as TimerHost).setTimeout(resolve, 0);
  });
}

/**
 * Whether tfjs's profiler can run on the active backend without reading every kernel's output
 * back (it does that where the backend has no kernel timer: webgl without the disjoint timer
 * query).
 */
function kernelProfilerWorks(): boolean {
  const backend = tf.backend() as unknown as { timerAvailable?: () => boolean };
  return backend.timerAvailable?.() ?? true;
}

/** Runs of one profile: the step environment plus the samples being gathered. */
interface ProfileRun {
  readonly env: StepEnv;
  readonly setup: RunSetup;
  readonly clock: RegionClock;
  readonly seed: number;
  readonly countKernels: boolean;
  readonly nodes: Map<string, NodeSamples>;
  /** The run history the hooks see. */
  readonly gradNorms: number[];
  diagnostics: NodeDiagnostics;
}

function samplesOf(run: ProfileRun, node: string): NodeSamples {
  let s = run.nodes.get(node);
  if (!s) run.nodes.set(node, (s = { forwardMs: [], backwardMs: [], updateMs: [] }));
  return s;
}

/** One batch of `source` for step `step`, as the trainer draws it. */
function drawBatch(run: ProfileRun, node: string, step: number): TensorMap {
  const source = run.setup.sources.get(node)!;
  const batchSize = run.setup.settings.batchSize;
  const perEpoch = Math.max(1, Math.floor(source.size.train / batchSize));
  return source.batch('train', (step - 1) % perEpoch, batchSize);
}

/** Every data node's batch for `step`; with `timed`, each drawing is a data node's forward. */
async function drawBatches(
  run: ProfileRun,
  step: number,
  timed: boolean,
): Promise<Record<string, TensorMap>> {
  const feeds: Record<string, TensorMap> = {};
  try {
    for (const node of run.setup.sources.keys()) {
      if (!timed) {
        feeds[node] = drawBatch(run, node, step);
        continue;
      }
      const samples = samplesOf(run, node);
      if (run.countKernels && !samples.kernels) {
        const info = await tf.profile(() => {
          tf.dispose(drawBatch(run, node, step));
        });
        samples.kernels = { forward: info.kernels.length, backward: 0, update: 0 };
      }
      let fastest = Infinity;
      for (let r = 0; r < RUNS; r++) {
        if (feeds[node]) tf.dispose(feeds[node]);
        const t = await run.clock.time(
          () => (feeds[node] = drawBatch(run, node, step)),
          (m) => Object.values(m),
        );
        fastest = Math.min(fastest, t.ms);
      }
      samples.forwardMs.push(fastest);
    }
  } catch (e) {
    for (const f of Object.values(feeds)) tf.dispose(f);
    throw e;
  }
  return feeds;
}

/** A whole training step as the trainer runs it (batch, step, `afterStep` hooks). */
async function wholeStep(run: ProfileRun, step: number): Promise<void> {
  run.diagnostics = {};
  const feeds = await drawBatches(run, step, false);
  let pending;
  try {
    pending = stepOnDevice(run.env, feeds, step, run.setup.lrs[step - 1]!, run.diagnostics);
  } finally {
    for (const f of Object.values(feeds)) tf.dispose(f);
  }
  // Read back at once (an interval of one step), so that the step's time is all in this region.
  const [read] = (await readPending([pending])).steps;
  run.gradNorms.push(read!.gradNorm);
  await callHooks(run.setup.hooked, run.env.hookEnv, 'afterStep', step);
}


/** Step 1 of the three: every node's forward and backward, then the optimiser's update. */
async function nodeStep(run: ProfileRun, step: number): Promise<void> {
  const feeds = await drawBatches(run, step, true);
  try {
    const { setup } = run;
    const captured = captureForward({ ...run.env, seed: run.seed }, feeds, step, [
      setup.lossKey,
      ...Object.values(setup.metricKeys),
    ]);
    try {
      const measured = await measureNodes(captured, {
        plan: run.env.plan,
        store: run.env.store,
        seed: run.seed,
        clock: run.clock,
        lossKey: setup.lossKey,
        countKernels: run.countKernels,
      });
      try {
        for (const [node, m] of measured.nodes) {
          const s = samplesOf(run, node);
          s.forwardMs.push(m.forwardMs);
          s.backwardMs.push(m.backwardMs);
          if (m.forwardKernels !== undefined && !s.kernels)
            s.kernels = { forward: m.forwardKernels, backward: m.backwardKernels ?? 0, update: 0 };
        }
        const lr = setup.lrs[step - 1]!;
        const opt = samplesOf(run, setup.optimiser.node);
        if (run.countKernels && !opt.kernels) {
          const info = await tf.profile(() => {
            applyUpdate(run.env, measured.grads, lr);
          });
          opt.kernels = { forward: 0, backward: 0, update: info.kernels.length };
        }
        await run.clock.settle();
        let fastest = Infinity;
        for (let r = 0; r < RUNS; r++) {
          const t = await run.clock.time(() => {
            applyUpdate(run.env, measured.grads, lr);
          });
          fastest = Math.min(fastest, t.ms);
        }
        opt.updateMs.push(fastest);
      } finally {
        tf.dispose(Object.values(measured.grads));
      }
    } finally {
      captured.dispose();
    }
  } finally {
    for (const f of Object.values(feeds)) tf.dispose(f);
  }
}

/**
 * Profiles the training step of `plan` on the active backend (see the module comment).
 * Leaves no tensors behind.
 * @throws NetwrightError as training would (`ENGINE_NO_LOWERING`, `TRAIN_*`, a node's failure).
 */
export async function profilePlan(
  plan: ExecutionPlan,
  lowerings: LoweringMap,
  options: ProfileOptions = {},
): Promise<PlanProfile> {
  const missing = missingLowerings(plan, lowerings);
  if (missing.length > 0)
    throw new NetwrightError('ENGINE_NO_LOWERING', missing[0]!.message, { node: missing[0]!.node });
  const steps = Math.max(1, options.steps ?? DEFAULT_PROFILE_STEPS);
  const seed = options.seed ?? runSettings(plan, lowerings)?.seed ?? 0;
  const store = createWeights(plan, lowerings, seed);
  try {
    const trainable = new Map([...store.byKey].filter(([, v]) => v.trainable));
    if (trainable.size === 0)
      throw new NetwrightError('TRAIN_NO_WEIGHTS', 'the graph has no trainable weights: nothing to profile');
    // Step numbers: two per warm-up round, four per profiled one (nodes, two timed, kernels).
    const setup = setupRun(plan, lowerings, {
      steps: 2 * MAX_WARMUP_ROUNDS + 4 * steps,
      seed,
      evalEvery: 0,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    });
    try {
      const gradNorms: number[] = [];
      let diagnostics: NodeDiagnostics = {};
      const hookEnv: HookEnv = {
        plan,
        store,
        totalSteps: setup.settings.steps,
        runHistory: { gradNorms },
        get diagnostics() {
          return diagnostics;
        },
        savedData: { ...setup.savedData },
        memory: setup.memory,
        resetOptimiser: () => {
          setup.rule.reset();
        },
      };
      const firstWeight = trainable.values().next().value;
      const run: ProfileRun = {
        env: { plan, lowerings, store, setup, hookEnv, trainable },
        setup,
        clock: await regionClock(() => firstWeight),
        seed,
        countKernels: kernelProfilerWorks(),
        nodes: new Map(),
        gradNorms,
        get diagnostics() {
          return diagnostics;
        },
        set diagnostics(d) {
          diagnostics = d;
        },
      };
      const stepMs: number[] = [];
      const kernelSteps: KernelRecord[][] = [];
      let next = 1;
      await callHooks(setup.hooked, hookEnv, 'beforeRun', 0);
      // Warm-up: whole rounds until the JIT has seen the code (tiny graphs run a step in
      // about a millisecond, and their first ones take several), within a budget.
      const warmStart = clockMs();
      let warmupSteps = 0;
      while (warmupSteps < 1 || (warmupSteps < MAX_WARMUP_ROUNDS && clockMs() - warmStart < WARMUP_MS)) {
        await nodeStep(run, next++);
        await wholeStep(run, next++);
        warmupSteps++;
      }
      run.nodes.clear();
      for (let i = 0; i < steps && !(options.shouldStop?.() ?? false); i++) {
        await run.clock.settle();
        await nodeStep(run, next++);
        await run.clock.settle();
        // Like a node's time, the faster of two whole steps.
        let fastest = Infinity;
        for (let r = 0; r < RUNS; r++) {
          const step = next++;
          fastest = Math.min(fastest, await run.clock.timeAsync(() => wholeStep(run, step)));
        }
        stepMs.push(fastest);
        if (run.countKernels) {
          const info = await tf.profile(() => wholeStep(run, next++));
          kernelSteps.push(info.kernels as unknown as KernelRecord[]);
        }
        await yieldToEventLoop();
      }
      return profileReport(plan, {
        backend: tf.getBackend(),
        clock: run.clock.kind,
        batchSize: setup.settings.batchSize,
        warmupSteps,
        stepMs,
        nodes: run.nodes,
        kernelSteps,
      });
    } finally {
      setup.dispose();
    }
  } finally {
    store.dispose();
  }
}
