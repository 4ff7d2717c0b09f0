/**
 * The page's handle on the engine worker: creates the worker, wraps it with comlink, turns the
 * worker's failures back into {@link NetwrightError}s (code, node, port, step), and watches the
 * worker's health. A worker that throws at top level, fails to load, or stops answering the
 * heartbeat is declared crashed: every pending call rejects with `WORKER_CRASHED`, the worker
 * is terminated, and `onCrash` is told. Nothing here touches the graph, so a crash can only
 * fail the run.
 */
import * as Comlink from 'comlink';
import type {
  BackendChoice,
  BackendPreference,
  CalibratedChoice,
  EngineWorkerApi,
  ExecutionPlan,
  AddedDataset,
  AddedIdxDataset,
  PickedFolder,
  PickedIdxFiles,
  GenerateEvent,
  ReadProgressSink,
  StoredDataset,
  GenerateRequest,
  GenerateResult,
  LoadedPluginModule,
  LoadInfo,
  MemoryInfo,
  Outcome,
  PlanProfile,
  WorkerProfileOptions,
  WorkerProgressEvent,
  TrainResult,
  WireTensor,
  WorkerCalibrateOptions,
  WorkerNotice,
  WorkerPluginModule,
  WorkerTrainOptions,
} from '../../workers/engineApi.ts';
import { NetwrightError } from '../../runtime/sdk/index.ts';

/** Options of {@link createEngineClient}. */
export interface EngineClientOptions {
  /** Makes the worker; the default is the Vite module worker. Tests inject their own. */
  readonly createWorker?: () => Worker;
  /** Heartbeat period (ms). Default 1000. */
  readonly heartbeatMs?: number;
  /** The worker is declared dead after this long without an answer (ms). Default 15000. */
  readonly heartbeatTimeoutMs?: number;
  /**
   * The same on GPU backends (webgpu, webgl), whose shader compiles block the worker thread:
   * on a software adapter one compile burst takes tens of seconds. Default 180000.
   */
  readonly gpuHeartbeatTimeoutMs?: number;
  /**
   * Time the worker gets to load before its first answer (ms). Loading tfjs and the wasm
   * binary can take a while on a cold cache (longer under a dev server). Default 120000.
   */
  readonly startupTimeoutMs?: number;
  /** Called once when the worker crashed or was killed. */
  readonly onCrash?: (reason: string) => void;
  /** Called when the worker lost its GPU device (the client then counts as crashed). */
  readonly onDeviceLost?: (message: string) => void;
}

/** A live engine worker. Methods reject with {@link NetwrightError}. */
export interface EngineClient {
  /** False once crashed or terminated. */
  readonly alive: boolean;
  init(preference: BackendPreference): Promise<BackendChoice>;
  /** Times the backends on `plan` and switches to the fastest (see the worker's `calibrate`). */
  calibrate(plan: ExecutionPlan, options?: WorkerCalibrateOptions): Promise<CalibratedChoice>;
  /** This device as a key for remembered backend choices. */
  deviceKey(): Promise<string>;
  /** Sets the third-party plugin modules whose lowerings `load` may use. */
  loadPlugins(modules: readonly WorkerPluginModule[]): Promise<readonly LoadedPluginModule[]>;
  load(plan: ExecutionPlan, seed?: number): Promise<LoadInfo>;
  train(options: WorkerTrainOptions, onProgress: (events: WorkerProgressEvent[]) => void): Promise<TrainResult>;
  /** Profiles a training step of the loaded plan (see the worker's `profile`). */
  profile(options?: WorkerProfileOptions): Promise<PlanProfile>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  infer(feeds: Readonly<Record<string, Readonly<Record<string, WireTensor>>>>, outputs: readonly string[]): Promise<Record<string, WireTensor>>;
  /** Reads and keeps a picked text file in the worker (see the worker's `addDataset`). */
  addDataset(file: File | PickedFolder, onProgress: ReadProgressSink): Promise<AddedDataset>;
  /** Reads, checks and keeps a picked IDX images + labels pair in the worker (see the worker's `addIdxDataset`). */
  addIdxDataset(picked: PickedIdxFiles, onProgress: ReadProgressSink): Promise<AddedIdxDataset>;
  listDatasets(): Promise<StoredDataset[]>;
  removeDataset(sha256: string): Promise<void>;
  /** Generates text from the loaded language model (see the worker's `generate`). */
  generate(request: GenerateRequest, onEvents: (events: GenerateEvent[]) => void): Promise<GenerateResult>;
  exportWeights(): Promise<ArrayBuffer>;
  importWeights(file: ArrayBuffer): Promise<void>;
  memory(): Promise<MemoryInfo>;
  /** Frees the plan's tensors in the worker. */
  dispose(): Promise<void>;
  /** Terminates the worker and releases everything. Safe to call twice. */
  terminate(): void;
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'netwright-engine' });
}

function unwrap<T>(o: Outcome<T>): T {
  if (o.ok) return o.value;
  throw NetwrightError.fromFailure(o.error);
}

/** Starts an engine worker. */
export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const worker = (options.createWorker ?? defaultWorker)();
  const remote = Comlink.wrap<EngineWorkerApi>(worker);
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const cpuTimeoutMs = options.heartbeatTimeoutMs ?? 15_000;
  const gpuTimeoutMs = options.gpuHeartbeatTimeoutMs ?? 180_000;
  let timeoutMs = cpuTimeoutMs;
  const timeoutFor = (backend: string): number => (backend === 'webgpu' || backend === 'webgl' ? Math.max(cpuTimeoutMs, gpuTimeoutMs) : cpuTimeoutMs);
  const startupMs = options.startupTimeoutMs ?? 120_000;
  let answered = false;
  let alive = true;
  let crashReason = '';
  let rejectCrashed: (e: NetwrightError) => void = () => undefined;
  const crashed = new Promise<never>((_, reject) => {
    rejectCrashed = reject;
  });
  // Nobody may be waiting when the crash happens: keep it from being an unhandled rejection.
  crashed.catch(() => undefined);
  let lastAnswer = Date.now();
  let pinging = false;

  const shutdown = (): void => {
    clearInterval(timer);
    worker.removeEventListener('error', onError);
    worker.removeEventListener('messageerror', onMessageError);
    remote[Comlink.releaseProxy]();
    worker.terminate();
  };
  const crash = (reason: string, code = 'WORKER_CRASHED'): void => {
    if (!alive) return;
    alive = false;
    crashReason = reason;
    shutdown();
    rejectCrashed(new NetwrightError(code, reason));
    options.onCrash?.(reason);
  };
  const onError = (e: ErrorEvent): void => {
    e.preventDefault();
    crash(`the engine worker crashed: ${e.message || 'it failed to load or threw outside a call'}`);
  };
  const onMessageError = (): void => {
    crash('the engine worker sent a message that could not be read');
  };
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onMessageError);

  const timer = setInterval(() => {
    if (!alive) return;
    const silentFor = Date.now() - lastAnswer;
    if (!answered && silentFor > startupMs) {
      crash(`the engine worker did not start within ${Math.round(startupMs / 1000)} s`);
      return;
    }
    if (answered && silentFor > timeoutMs) {
      crash(`the engine worker stopped answering (no heartbeat for ${Math.round(timeoutMs / 1000)} s): it was killed or ran out of memory`);
      return;
    }
    if (pinging) return;
    pinging = true;
    remote
      .ping()
      .then(() => {
        answered = true;
        lastAnswer = Date.now();
      })
      .catch(() => undefined)
      .finally(() => {
        pinging = false;
      });
  }, heartbeatMs);

  /** Runs a call unless (or until) the worker crashes. */
  const call = async <T>(f: () => Promise<T>): Promise<T> => {
    if (!alive) throw new NetwrightError('WORKER_CRASHED', crashReason || 'the engine worker was terminated');
    const result = await Promise.race([f(), crashed]);
    answered = true;
    lastAnswer = Date.now();
    return result;
  };

  const noticeSink = Comlink.proxy((n: WorkerNotice) => {
    if (n.kind !== 'device-lost') return;
    options.onDeviceLost?.(n.message);
    crash(`the WebGPU device was lost: ${n.message}`, 'GPU_DEVICE_LOST');
  });

  return {
    get alive() {
      return alive;
    },
    init: (preference) =>
      call(async () => {
        const choice = unwrap(await remote.init(preference, noticeSink));
        timeoutMs = timeoutFor(choice.name);
        return choice;
      }),
    calibrate: (plan, opts) =>
      call(async () => {
        // Calibration compiles GPU shaders, which blocks the worker: allow for it throughout.
        const before = timeoutMs;
        timeoutMs = Math.max(cpuTimeoutMs, gpuTimeoutMs);
        try {
          const calibrated = unwrap(await remote.calibrate(plan, opts));
          timeoutMs = timeoutFor(calibrated.chosen);
          return calibrated;
        } catch (e) {
          // A failed calibration (a plan the engine refuses) leaves the backend as it was.
          timeoutMs = before;
          throw e;
        }
      }),
    deviceKey: () => call(async () => unwrap(await remote.deviceKey())),
    loadPlugins: (modules) => call(async () => unwrap(await remote.loadPlugins(modules))),
    load: (plan, seed) => call(async () => unwrap(await remote.load(plan, seed))),
    train: (opts, onProgress) =>
      call(async () => {
        // The worker releases this proxy when the run ends; releasing here too is harmless.
        const sink = Comlink.proxy(onProgress);
        return unwrap(await remote.train(opts, sink));
      }),
    profile: (opts) => call(async () => unwrap(await remote.profile(opts))),
    pause: () => call(() => remote.pause()),
    resume: () => call(() => remote.resume()),
    stop: () => call(() => remote.stop()),
    infer: (feeds, outputs) =>
      call(async () => {
        const buffers = Object.values(feeds).flatMap((m) => Object.values(m).map((t) => t.data));
        return unwrap(await remote.infer(Comlink.transfer(feeds, buffers), outputs));
      }),
    addDataset: (file, onProgress) => call(async () => unwrap(await remote.addDataset(file, Comlink.proxy(onProgress)))),
    addIdxDataset: (picked, onProgress) => call(async () => unwrap(await remote.addIdxDataset(picked, Comlink.proxy(onProgress)))),
    listDatasets: () => call(async () => unwrap(await remote.listDatasets())),
    removeDataset: (sha256) => call(async () => void unwrap(await remote.removeDataset(sha256))),
    generate: (request, onEvents) =>
      call(async () => {
        // The worker releases this proxy when the generation ends.
        const sink = Comlink.proxy(onEvents);
        return unwrap(await remote.generate(request, sink));
      }),
    exportWeights: () => call(async () => unwrap(await remote.exportWeights())),
    importWeights: (file) => call(async () => void unwrap(await remote.importWeights(Comlink.transfer(file, [file])))),
    memory: () => call(async () => unwrap(await remote.memory())),
    dispose: () => call(async () => void unwrap(await remote.dispose())),
    terminate() {
      if (!alive) return;
      alive = false;
      crashReason = 'the engine worker was terminated';
      shutdown();
      rejectCrashed(new NetwrightError('WORKER_TERMINATED', crashReason));
    },
  };
}
