/**
 * The engine facade used by the CLI and the browser worker: choose a backend, load a plan,
 * train, infer, move weights in and out, report memory. Every value it takes or returns is
 * plain data (typed arrays included), so it can sit behind comlink unchanged.
 */
import { PLAN_FORMAT, PLAN_VERSION, type ExecutionPlan, type PlanStep } from '../compile/plan.ts';
import type { JsonValue } from '../graph/types.ts';
import { NetwrightError } from '../sdk/errors.ts';
import { defaultBackendHost, selectBackend, softwareAdapterName, softwareRendererName, startBackend, type BackendChoice, type BackendHost, type BackendName, type BackendPreference } from './backends.ts';
import { guardBackend } from './backendGuard.ts';
import { calibrationCandidates, clockMs, DEFAULT_CALIBRATION_BUDGET_MS, describeCalibration, fastestTiming, timeBackends, type CalibrateOptions, type Calibration, type CalibrationEnv, type CalibrationProbe } from './calibrate.ts';
import { disposeReports, forward, missingLowerings, sinkOutputs } from './executor.ts';
import type { AnyPluginLowering, RunHistory, TensorMap } from '../lower/lowering.ts';
import { buildSources, runSettings } from './runSetup.ts';
import { tf } from './tf.ts';
import { train } from './trainer.ts';
import { readReports } from './trainStep.ts';
import { createRunController, type NodeDiagnostics, type ProgressCallback, type RunController, type TrainOptions, type TrainResult } from './trainTypes.ts';
import { indexLowerings, type LoweringMap } from './lowerings.ts';
import { createWeights, type WeightStore } from './weights.ts';
import { binaryToJson, exportBinary, importWeightsInto, type ImportWeightsOptions, type WeightsBinary, type WeightsFile } from './weightsFile.ts';

/** A tensor as plain data. */
export interface PlainTensor {
  readonly shape: readonly number[];
  readonly dtype?: 'float32' | 'int32';
  readonly data: Float32Array | Int32Array | readonly number[];
}

/** Result of {@link Engine.infer}: outputs by `node:port`, and what nodes reported. */
export interface InferOutput {
  readonly outputs: Record<string, { shape: number[]; dtype: 'float32' | 'int32'; data: Float32Array | Int32Array }>;
  readonly diagnostics: NodeDiagnostics;
}

/** Options of {@link Engine.infer}. */
export interface InferOptions {
  /** Output keys to compute; default: every output no other tensor node reads. */
  readonly outputs?: readonly string[];
  /** Without feeds, the batch size drawn from the data nodes (default 32, capped by the split). */
  readonly batchSize?: number;
}

/** Summary of tfjs memory. */
export interface MemorySummary {
  readonly backend: string;
  readonly numTensors: number;
  readonly numBytes: number;
  readonly numDataBuffers: number;
  /** True when the backend cannot count bytes exactly. */
  readonly unreliable: boolean;
}

/** What {@link Engine.load} reports. */
export interface LoadInfo {
  readonly graphHash: string;
  readonly paramCount: number;
  readonly weightCount: number;
  readonly seed: number;
}

/** Options of {@link Engine.train}: the run options plus whether to keep the current weights. */
export interface EngineTrainOptions extends TrainOptions {
  /** Keep training the current weights instead of re-initialising them from the seed. */
  readonly continue?: boolean;
}

function notLoaded(): never {
  throw new NetwrightError('ENGINE_NOT_LOADED', 'no graph is loaded: call load(plan) first');
}

/** How a field of a plan that is not what it should be reads in a message. */
function shown(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

/** Refuses what is not a plan this engine runs (plans cross a worker boundary as plain data). */
function checkPlanEnvelope(plan: ExecutionPlan): void {
  const { format, version } = plan as { readonly format?: unknown; readonly version?: unknown };
  if (format !== PLAN_FORMAT) {
    throw new NetwrightError('ENGINE_PLAN_FORMAT', `not an execution plan: format is ${shown(format)}, expected "${PLAN_FORMAT}"`);
  }
  if (version !== PLAN_VERSION) {
    throw new NetwrightError(
      'ENGINE_PLAN_FORMAT',
      `execution plan version ${shown(version)} is not supported: this engine runs version ${PLAN_VERSION}; compile the graph again with this build`,
    );
  }
}

/** Options of {@link Engine.calibrate}. */
export interface EngineCalibrateOptions extends CalibrateOptions {
  /** Seed and batch size of the timed steps (default: the optimiser's, as a run). */
  readonly seed?: number;
  readonly batchSize?: number;
  /** Only these backends (default: every one that can run here). */
  readonly backends?: readonly BackendName[];
  readonly host?: BackendHost;
}

/** What {@link Engine.calibrate} returns: the timings and the choice it made (its reason is the calibration line). */
export interface CalibratedChoice extends Calibration {
  readonly choice: BackendChoice;
}

/** What calibration needs to know of a browser's GPUs: whether each is a software rasteriser. */
async function browserEnv(host: BackendHost): Promise<CalibrationEnv> {
  const adapter = await host.requestAdapter().catch(() => undefined);
  const renderer = await host.webglRenderer?.().catch(() => undefined);
  const adapterSoftware = adapter ? softwareAdapterName(adapter) : undefined;
  const rendererSoftware = renderer === undefined ? undefined : softwareRendererName(renderer);
  return {
    isBrowser: true,
    ...(adapter ? { webgpu: adapterSoftware ? { software: adapterSoftware } : {} } : {}),
    ...(rendererSoftware ? { webgl: { software: rendererSoftware } } : {}),
  };
}

/** The engine. One per worker (or CLI process); `dispose` frees every tensor it made. */
export class Engine {
  private backendChoice: BackendChoice | undefined;
  private plan: ExecutionPlan | undefined;
  private lowerings: LoweringMap = new Map();
  private store: WeightStore | undefined;
  private history: RunHistory | undefined;
  private run: RunController | undefined;

  /** Chooses and activates a backend (see backends.ts for the rules). */
  async init(preference: BackendPreference = 'auto', host?: BackendHost): Promise<BackendChoice> {
    this.backendChoice = await selectBackend(preference, host);
    return this.backendChoice;
  }

  /**
   * Auto, calibrated: times a few real training steps of `plan` on each backend that starts
   * here (calibrate.ts: a budget of 2 s for all, the first step left out where it fits),
   * then activates the fastest; the fixed rules choose when no backend could be timed. Leaves
   * no plan loaded and no tensors behind: call `load` next (a run starts from the seed anyway).
   * @throws NetwrightError as `load` does, before any backend is touched.
   */
  async calibrate(plan: ExecutionPlan, lowerings: readonly AnyPluginLowering[], options: EngineCalibrateOptions = {}): Promise<CalibratedChoice> {
    const host = options.host ?? defaultBackendHost();
    const started = clockMs();
    this.load(plan, lowerings, options.seed === undefined ? {} : { seed: options.seed });
    let timings;
    try {
      const env = host.isBrowser ? await browserEnv(host) : { isBrowser: false };
      timings = await timeBackends(calibrationCandidates(env, options.backends), this.calibrationProbe(host, options), options);
    } finally {
      this.dispose();
    }
    const best = fastestTiming(timings);
    const activated = best ? await startBackend(best.name, host) : undefined;
    const choice = typeof activated === 'object' ? activated : await selectBackend('auto', host);
    const calibration: Calibration = {
      chosen: choice.name,
      timings,
      fallback: typeof activated !== 'object',
      budgetMs: options.budgetMs ?? DEFAULT_CALIBRATION_BUDGET_MS,
      ms: clockMs() - started,
    };
    this.backendChoice = { ...choice, reason: describeCalibration(calibration) };
    return { ...calibration, choice: this.backendChoice };
  }

  /** Starts backends and trains the loaded plan on them for {@link Engine.calibrate}. */
  private calibrationProbe(host: BackendHost, options: EngineCalibrateOptions): CalibrationProbe {
    return {
      start: async (name) => {
        const r = await startBackend(name, host);
        return typeof r === 'string' ? r : undefined;
      },
      steps: async (onStep) => {
        // WebGPU reports a rejected kernel only as an event and then computes nothing: such a
        // backend would look fast and train on garbage.
        const guard = guardBackend();
        try {
          const steps = (options.maxSteps ?? 40) + 1;
          await this.train({ steps, evalEvery: 0, readbackSteps: 1, ...(options.seed === undefined ? {} : { seed: options.seed }), ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) }, (e) => {
            if (e.event === 'step' && !onStep()) this.stop();
          });
          const errors = guard.errors();
          if (errors.length > 0) throw new Error(`WebGPU rejected a kernel (${(errors[0] ?? '').split('\n')[0]})`);
        } finally {
          guard.dispose();
        }
      },
    };
  }

  /** The backend chosen by `init`, if any. */
  get backend(): BackendChoice | undefined {
    return this.backendChoice;
  }

  /**
   * Loads a plan: replaces any loaded one and creates its weights from `seed` (default: the
   * optimiser's seed, else 0).
   * @throws NetwrightError `ENGINE_PLAN_FORMAT` when `plan` is not a `netwright.plan` of
   *   version 1, `ENGINE_NO_LOWERING` when a node's plugin has no lowering (or lacks the
   *   callback its role needs); the loaded plan, if any, is kept.
   */
  load(plan: ExecutionPlan, lowerings: readonly AnyPluginLowering[], options: { seed?: number } = {}): LoadInfo {
    checkPlanEnvelope(plan);
    const map = indexLowerings(lowerings);
    const missing = missingLowerings(plan, map);
    if (missing.length > 0) {
      const more = missing.length > 1 ? ` (and ${missing.length - 1} more: ${missing.slice(1, 4).map((m) => m.node).join(', ')})` : '';
      throw new NetwrightError('ENGINE_NO_LOWERING', `${missing[0]!.message}${more}`, { node: missing[0]!.node });
    }
    const seed = options.seed ?? runSettings(plan, map)?.seed ?? 0;
    const store = createWeights(plan, map, seed);
    this.store?.dispose();
    this.plan = plan;
    this.lowerings = map;
    this.store = store;
    this.history = undefined;
    return { graphHash: plan.graphHash, paramCount: plan.paramCount, weightCount: store.byKey.size, seed };
  }

  /**
   * Trains the loaded graph. Weights are re-initialised from the run's seed unless
   * `continue` is set, so a run is reproducible. Data that nodes save during the run is
   * kept in the loaded plan (and returned in the result, to write back into the graph).
   */
  async train(options: EngineTrainOptions = {}, onProgress?: ProgressCallback): Promise<TrainResult> {
    const plan = this.plan ?? notLoaded();
    if (!options.continue) {
      const seed = options.seed ?? runSettings(plan, this.lowerings)?.seed ?? 0;
      const fresh = createWeights(plan, this.lowerings, seed);
      this.store?.dispose();
      this.store = fresh;
    }
    const store = this.store ?? notLoaded();
    // The engine's own controller lets a worker stop the run with a plain method call; an
    // outside control object (the CLI's Ctrl-C) is honoured as well.
    const run = createRunController();
    const outside = options.control;
    const control = {
      get stopped() {
        return run.stopped || (outside?.stopped ?? false);
      },
      get paused() {
        return run.paused || (outside?.paused ?? false);
      },
    };
    this.run = run;
    const history = options.history ?? this.history;
    let result: TrainResult;
    try {
      result = await train(
        plan,
        this.lowerings,
        store,
        { ...options, control, backend: options.backend ?? this.backendChoice?.name ?? tf.getBackend(), ...(history ? { history } : {}) },
        onProgress,
      );
    } finally {
      this.run = undefined;
    }
    this.history = result.history;
    this.plan = withSavedData(plan, result.savedData);
    return result;
  }

  /**
   * Runs the graph forward in inference mode. Without feeds, a batch is drawn from the data
   * nodes' eval split (train split when there is none).
   */
  async infer(feeds?: Readonly<Record<string, Readonly<Record<string, PlainTensor>>>>, options: InferOptions = {}): Promise<InferOutput> {
    const plan = this.plan ?? notLoaded();
    const store = this.store ?? notLoaded();
    const tensors: Record<string, TensorMap> = {};
    try {
      if (feeds) {
        for (const [node, ports] of Object.entries(feeds)) {
          tensors[node] = {};
          for (const [port, t] of Object.entries(ports)) tensors[node][port] = tf.tensor(t.data, [...t.shape], t.dtype ?? 'float32');
        }
      } else {
        const sources = buildSources(plan, this.lowerings, store.seed);
        try {
          for (const [node, source] of sources) {
            const split = source.size.eval > 0 ? 'eval' : 'train';
            const n = Math.max(1, Math.min(options.batchSize ?? 32, source.size[split]));
            tensors[node] = source.batch(split, 0, n);
          }
        } finally {
          for (const s of sources.values()) s.dispose();
        }
      }
      const r = forward(plan, this.lowerings, {
        weights: store.weights,
        state: store.state,
        feeds: tensors,
        training: false,
        step: 0,
        seed: store.seed,
        outputs: options.outputs ?? sinkOutputs(plan),
      });
      const diagnostics: NodeDiagnostics = {};
      try {
        await readReports(r.reports, diagnostics);
        const outputs: InferOutput['outputs'] = {};
        for (const [key, t] of Object.entries(r.outputs)) {
          const data = await t.data();
          outputs[key] = { shape: [...t.shape], dtype: t.dtype === 'int32' ? 'int32' : 'float32', data: t.dtype === 'int32' ? Int32Array.from(data) : Float32Array.from(data) };
        }
        return { outputs, diagnostics };
      } finally {
        tf.dispose(r.outputs);
        disposeReports(r.reports);
      }
    } finally {
      for (const m of Object.values(tensors)) tf.dispose(m);
    }
  }

  /** Stops the current run after its step (it still evaluates and returns). No-op when idle. */
  stop(): void {
    this.run?.stop();
  }

  /** Pauses the current run between steps. */
  pause(): void {
    this.run?.pause();
  }

  /** Resumes a paused run. */
  resume(): void {
    this.run?.resume();
  }

  /** Whether a run is in progress. */
  get training(): boolean {
    return this.run !== undefined;
  }

  /** The weights (and node state) in the JSON file form. */
  exportWeights(): WeightsFile {
    return binaryToJson(this.exportWeightsBinary());
  }

  /** The weights in the binary form; pass `transferables(result)` to `postMessage`. */
  exportWeightsBinary(): WeightsBinary {
    const plan = this.plan ?? notLoaded();
    return exportBinary(this.store ?? notLoaded(), plan.graphHash);
  }

  /**
   * Loads weights from either file form ({@link WeightsFile} or {@link WeightsBinary}, or
   * JSON parsed from an untrusted file) after checking the graph hash, keys and shapes.
   */
  importWeights(file: unknown, options?: ImportWeightsOptions): void {
    importWeightsInto(this.store ?? notLoaded(), this.plan ?? notLoaded(), file, options);
  }

  /**
   * The loaded plan with its lowerings and live weights, for generation (sequence/stepper.ts)
   * on the trained weights; the caller must not dispose the store.
   * @throws NetwrightError `ENGINE_NOT_LOADED` without a plan.
   */
  loadedModel(): { readonly plan: ExecutionPlan; readonly lowerings: LoweringMap; readonly store: WeightStore } {
    return { plan: this.plan ?? notLoaded(), lowerings: this.lowerings, store: this.store ?? notLoaded() };
  }

  /** The history of the last run (given to schedule nodes on the next one). */
  lastHistory(): RunHistory | undefined {
    return this.history;
  }

  /** tfjs memory counters. */
  memory(): MemorySummary {
    const m = tf.memory() as { numTensors: number; numBytes: number; numDataBuffers: number; unreliable?: boolean };
    return { backend: tf.getBackend(), numTensors: m.numTensors, numBytes: m.numBytes, numDataBuffers: m.numDataBuffers, unreliable: m.unreliable ?? false };
  }

  /** Frees the weights and forgets the plan. The engine can load another plan afterwards. */
  dispose(): void {
    this.store?.dispose();
    this.store = undefined;
    this.plan = undefined;
    this.history = undefined;
  }
}

/** The plan with data saved during a run merged into its steps (the next run reads it). */
function withSavedData(plan: ExecutionPlan, saved: Readonly<Record<string, Record<string, unknown>>>): ExecutionPlan {
  if (Object.keys(saved).length === 0) return plan;
  const steps = plan.steps.map((s): PlanStep => {
    const d = saved[s.node];
    return d ? { ...s, data: { ...s.data, ...(d as Record<string, JsonValue>) } } : s;
  });
  return { ...plan, steps };
}
