/**
 * The engine worker's API: runtime/exec's Engine with the built-in lowerings plus those of the
 * plugin modules the page installed (pluginLoader.ts). The worker entry (engine.worker.ts)
 * exposes it through comlink; all tensor work of the app happens here, so the page never
 * freezes. Results are {@link Outcome}s (coded failures survive the boundary); tensors and
 * weights cross as transferred ArrayBuffers; progress goes back in batches through a comlink
 * proxy that is released when the run ends. The engine's state lives in this module: one API
 * per worker.
 */
import * as Comlink from 'comlink';
import { builtinLowerings } from '../plugins/lowerings.ts';
import type { AnyPluginLowering } from '../runtime/lower/lowering.ts';
import { Engine, type PlainTensor } from '../runtime/exec/engine.ts';
import { tf } from '../runtime/exec/tf.ts';
import type { RunHistory } from '../runtime/lower/lowering.ts';
import { guardBackend } from '../runtime/exec/backendGuard.ts';
import { defaultBackendHost } from '../runtime/exec/backends.ts';
import { deviceKey } from '../runtime/exec/calibrate.ts';
import { indexLowerings } from '../runtime/exec/lowerings.ts';
import { profilePlan } from '../runtime/exec/profile.ts';
import { createRunController, type RunController } from '../runtime/exec/trainTypes.ts';
import { packWeights, unpackWeights } from '../runtime/exec/weightsPack.ts';
import { failureOf, NetwrightError } from '../runtime/sdk/errors.ts';
import type { EngineWorkerApi, GenerateSink, Outcome, ReadProgressSink, ProgressSink, WireTensor, WorkerNotice, WorkerTrainOptions } from './engineApi.ts';
import { generateText } from './generate.ts';
import { addDataset, addIdxDataset, listStoredDatasets, removeStoredDataset, shelveStoredData } from './userDatasets.ts';
import { deviceOf, gpuMemoryDetails, warmUpNeeded } from './gpu.ts';
import { loadPluginLowerings } from './pluginLoader.ts';
import { createProgressBatcher } from './progressBatcher.ts';
import { shelveShippedData } from './shippedDatasets.ts';

const engine = new Engine();
/** Built-in lowerings plus those of the plugin modules the page sent. */
let lowerings: readonly AnyPluginLowering[] = builtinLowerings;
/** Why the WebGPU device was lost, once it was. */
let deviceLost: string | undefined;
let control: RunController | undefined;
/** Where to tell the page about a lost WebGPU device (given to `init`). */
let noticeSink: ((notice: WorkerNotice) => unknown) | undefined;
/** WebGPU devices whose loss is already being watched. */
const watchedDevices = new WeakSet<object>();
let loaded: { plan: Parameters<Engine['load']>[0]; seed: number | undefined } | undefined;
/** `graphHash/batchSize` pairs whose shaders were compiled on this backend. */
const warmed = new Set<string>();

async function attempt<T>(f: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    return { ok: false, error: failureOf(e, 'ENGINE_INTERNAL') };
  }
}

/** Runs a read that reports progress through the page's proxy, released however the read ends. */
async function readWithProgress<T>(onProgress: Comlink.Remote<ReadProgressSink> | ReadProgressSink, read: (sink: ReadProgressSink) => Promise<T>): Promise<Outcome<T>> {
  try {
    return await attempt(() => read((loaded, total) => void onProgress(loaded, total)));
  } finally {
    if (Comlink.releaseProxy in onProgress) onProgress[Comlink.releaseProxy]();
  }
}

function toWire(t: { shape: readonly number[]; dtype: 'float32' | 'int32'; data: Float32Array | Int32Array }): WireTensor {
  // Copy into a buffer of exactly this tensor's bytes: the whole buffer is transferred.
  const data = t.dtype === 'int32' ? Int32Array.from(t.data) : Float32Array.from(t.data);
  return { shape: [...t.shape], dtype: t.dtype, data: data.buffer };
}

function fromWire(t: WireTensor): PlainTensor {
  return { shape: t.shape, dtype: t.dtype, data: t.dtype === 'int32' ? new Int32Array(t.data) : new Float32Array(t.data) };
}

/**
 * Compiles the backend's shaders before the first timed step: one real step at the run's
 * batch size (forward, backward, update, final evaluation), then the plan is reloaded so the
 * run itself starts from the seed with no trace of the warm-up (history, saved data).
 */
async function warmUp(options: WorkerTrainOptions, sink: ProgressSink): Promise<RunHistory | undefined> {
  const history = engine.lastHistory();
  if (!loaded || !warmUpNeeded(tf.getBackend())) return history;
  const key = `${loaded.plan.graphHash}/${options.batchSize ?? 'default'}`;
  if (warmed.has(key)) return history;
  const t0 = performance.now();
  sink([{ event: 'warmup', phase: 'start', backend: tf.getBackend() }]);
  await engine.train({ ...options, steps: 1, evalEvery: 0 });
  engine.load(loaded.plan, lowerings, loaded.seed === undefined ? {} : { seed: loaded.seed });
  warmed.add(key);
  sink([{ event: 'warmup', phase: 'end', backend: tf.getBackend(), ms: performance.now() - t0 }]);
  return history;
}

/** After a backend change: forget compiled shaders, and hear about the loss of a new WebGPU device. */
function backendChanged(): void {
  warmed.clear();
  const device = deviceOf(tf.backend());
  if (!device || !noticeSink || watchedDevices.has(device)) return;
  watchedDevices.add(device);
  const sink = noticeSink;
  void device.lost.then((info) => {
    deviceLost = `${info.reason === 'destroyed' ? 'the device was destroyed' : 'the driver lost it'}${info.message ? ` (${info.message})` : ''}`;
    void sink({ kind: 'device-lost', message: deviceLost });
  });
}

/** The device-lost reason, waiting up to `ms` for a loss that is being reported right now. */
async function deviceLostReason(ms: number): Promise<string | undefined> {
  const device = deviceOf(tf.backend());
  if (deviceLost || !device) return deviceLost;
  await Promise.race([device.lost, new Promise((resolve) => setTimeout(resolve, ms))]);
  // Let the `lost` handler above run first.
  await Promise.resolve();
  return deviceLost;
}

/**
 * The engine reads weights with `dataSync`, which on webgpu goes through an OffscreenCanvas
 * and, on SwiftShader in a worker, destroys the device. Reading every variable asynchronously
 * first leaves its values cached on the CPU, so the synchronous read never touches the GPU.
 */
async function cacheVariablesOnCpu(): Promise<void> {
  if (tf.getBackend() !== 'webgpu') return;
  await Promise.all(Object.values(tf.engine().registeredVariables).map((v) => v.data()));
}

/** The engine, as the worker entry exposes it. */
export const engineWorkerApi: EngineWorkerApi = {
  ping: () => Date.now(),

  init: (preference, onNotice?: (notice: WorkerNotice) => unknown) =>
    attempt(async () => {
      if (onNotice) noticeSink = onNotice;
      const choice = await engine.init(preference);
      backendChanged();
      return choice;
    }),

  calibrate: (plan, options = {}) =>
    attempt(async () => {
      if (control) throw new NetwrightError('ENGINE_BUSY', 'a run is in progress: stop it first');
      loaded = undefined;
      try {
        return await engine.calibrate(plan, lowerings, options);
      } finally {
        backendChanged();
      }
    }),

  deviceKey: () =>
    attempt(async () => {
      const adapter = await defaultBackendHost().requestAdapter().catch(() => undefined);
      return deviceKey(navigator.userAgent, adapter);
    }),

  loadPlugins: (modules) =>
    attempt(async () => {
      const r = await loadPluginLowerings(modules);
      lowerings = r.lowerings;
      return r.loaded;
    }),

  load: (plan, seed) =>
    attempt(async () => {
      await shelveShippedData(plan);
      await shelveStoredData(plan);
      const info = engine.load(plan, lowerings, seed === undefined ? {} : { seed });
      loaded = { plan, seed };
      return { graphHash: info.graphHash, paramCount: info.paramCount };
    }),

  async train(options, onProgress: Comlink.Remote<ProgressSink> | ProgressSink) {
    const send: ProgressSink = (events) => {
      void onProgress(events);
    };
    let lastStep = 0;
    try {
      if (control) return { ok: false, error: { code: 'ENGINE_BUSY', message: 'a run is already in progress: stop it first' } };
      control = createRunController();
      const run = control;
      // WebGPU reports an invalid shader or pipeline only as an event, and then computes nothing:
      // the run is stopped at the first such error and fails instead of training on garbage.
      const guard = guardBackend();
      let gpuErrorStep: number | undefined;
      // A failure of the training loop names its step itself (the trainer puts it on the error).
      const outcome = await attempt(async () => {
        const { progressIntervalMs, ...rest } = options;
        const prior = await warmUp(rest, send);
        const batcher = createProgressBatcher(send, progressIntervalMs ?? 100);
        try {
          const given = rest.history ? { gradNorms: [...rest.history.gradNorms] } : prior;
          const history = given ? { history: given } : {};
          return await engine.train({ ...rest, ...history, control: run }, (e) => {
            if (e.event === 'step') lastStep = e.step;
            if (gpuErrorStep === undefined && guard.errors().length > 0) {
              gpuErrorStep = lastStep;
              run.stop();
            }
            batcher.push(e);
          });
        } finally {
          batcher.flush();
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 0));
      const gpuErrors = guard.errors();
      guard.dispose();
      if (gpuErrors.length > 0) {
        const first = (gpuErrors[0] ?? '').split('\n')[0];
        return { ok: false, error: { code: 'GPU_ERROR', message: `WebGPU rejected a kernel of this run (${first}), so its numbers would be wrong; the run was stopped`, step: gpuErrorStep ?? lastStep } };
      }
      if (outcome.ok) return outcome;
      // A lost device makes the next GPU op throw something unhelpful: name the real cause.
      const lost = await deviceLostReason(100);
      return lost ? { ok: false, error: { code: 'GPU_DEVICE_LOST', message: `the WebGPU device was lost during the run: ${lost}`, step: lastStep + 1 } } : outcome;
    } finally {
      control = undefined;
      if (Comlink.releaseProxy in onProgress) onProgress[Comlink.releaseProxy]();
    }
  },

  profile: (options = {}) =>
    attempt(async () => {
      if (control) throw new NetwrightError('ENGINE_BUSY', 'a run is in progress: stop it first');
      if (!loaded) throw new NetwrightError('ENGINE_NOT_LOADED', 'no graph is loaded: run it or load weights first');
      // The run control marks the worker busy (a train call is refused) and lets `stop` end it.
      const run = (control = createRunController());
      try {
        return await profilePlan(loaded.plan, indexLowerings(lowerings), { ...options, shouldStop: () => run.stopped });
      } finally {
        control = undefined;
      }
    }),

  pause: () => control?.pause(),
  resume: () => control?.resume(),
  stop: () => control?.stop(),

  infer: (feeds, outputs) =>
    attempt(async () => {
      const plain: Record<string, Record<string, PlainTensor>> = {};
      for (const [node, ports] of Object.entries(feeds)) {
        plain[node] = Object.fromEntries(Object.entries(ports).map(([p, t]) => [p, fromWire(t)]));
      }
      const r = await engine.infer(Object.keys(plain).length > 0 ? plain : undefined, { outputs, batchSize: 1024 });
      const out: Record<string, WireTensor> = {};
      for (const [key, t] of Object.entries(r.outputs)) out[key] = toWire(t);
      return Comlink.transfer(out, Object.values(out).map((t) => t.data));
    }),

  async generate(request, onEvents: Comlink.Remote<GenerateSink> | GenerateSink) {
    try {
      return await attempt(async () => {
        if (control) throw new NetwrightError('ENGINE_BUSY', 'a run is in progress: stop it first');
        const run = (control = createRunController());
        try {
          await cacheVariablesOnCpu();
          return await generateText(engine, request, (events) => void onEvents(events), () => run.stopped);
        } finally {
          control = undefined;
        }
      });
    } finally {
      if (Comlink.releaseProxy in onEvents) onEvents[Comlink.releaseProxy]();
    }
  },

  addDataset: (file, onProgress) => readWithProgress(onProgress, (sink) => addDataset(file, sink)),

  addIdxDataset: (picked, onProgress) => readWithProgress(onProgress, (sink) => addIdxDataset(picked, sink)),

  listDatasets: () => attempt(listStoredDatasets),

  removeDataset: (sha256) =>
    attempt(async () => {
      await removeStoredDataset(sha256);
      return null;
    }),

  exportWeights: () =>
    attempt(async () => {
      await cacheVariablesOnCpu();
      const bytes = packWeights(engine.exportWeightsBinary());
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return Comlink.transfer(buffer, [buffer]);
    }),

  importWeights: (file) =>
    attempt(() => {
      engine.importWeights(unpackWeights(new Uint8Array(file)));
      return null;
    }),

  memory: () =>
    attempt(() => {
      const m = engine.memory();
      const gpu = gpuMemoryDetails(tf.backend());
      return { backend: m.backend, numTensors: m.numTensors, numBytes: m.numBytes, ...gpu };
    }),

  dispose: () =>
    attempt(() => {
      control?.stop();
      engine.dispose();
      loaded = undefined;
      return null;
    }),
};
