/**
 * The run panel's controller, free of React: owns the engine client (starting it lazily,
 * replacing it after a crash or a lost GPU device), compiles and loads the graph, drives a
 * run, records it (live curves, the runs store, trained weights) and reports per-node
 * diagnostics and faults. The graph document is only ever read here; the one write back is
 * `onGraphData` with data a run saved (for example a refined LR schedule).
 */
import type { JsonValue } from '../../runtime/graph/types.ts';
import { errorMessage, failureOf, NetwrightError, type Failure } from '../../runtime/sdk/index.ts';
import type { AddedDataset, AddedIdxDataset, PickedFolder, PickedIdxFiles, BackendChoice, BackendPreference, ExecutionPlan, GenerateEvent, GenerateRequest, GenerateResult, MemoryInfo, StoredDataset, TrainResult, WireTensor, WorkerPluginModule } from '../../workers/engineApi.ts';
import { autoBackend, type ShownCalibration } from './autoBackend.ts';
import { createCalibrationMemory, type CalibrationMemory } from './calibrationMemory.ts';
import { compilePlan, type RunGraph } from './compilePlan.ts';
import { createEngineClient, type EngineClient, type EngineClientOptions } from './engineClient.ts';
import { applyEvents, createLiveRun, toRecord, type LiveRun } from './liveRun.ts';
import { defaultRunDiagnostics, type RunDiagnosticsStore } from './nodeDiagnostics.ts';
import { defaultProfiles, type ProfileStore } from './nodeProfile.ts';
import { newestFirst, newRunId, type RunRecord, type RunsStore } from './runsStore.ts';

/** Where the current (or last) run is. */
export type RunPhase = 'idle' | 'compiling' | 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'stopped' | 'failed';

/** A snapshot of the session for the UI; replaced (never mutated) on every change. */
export interface RunSessionState {
  readonly preference: BackendPreference;
  readonly engine: 'off' | 'starting' | 'ready' | 'crashed';
  readonly backend?: BackendChoice;
  /** Something the user should know that is not a run fault (a fallback, a lost device). */
  readonly notice?: string;
  readonly phase: RunPhase;
  /** The current or last run, live; `runVersion` moves when it changes. */
  readonly run?: LiveRun;
  readonly runVersion: number;
  readonly fault?: Failure;
  /** Stored runs, newest first. */
  readonly runs: readonly RunRecord[];
  /** Graph hash of the plan loaded in the engine (trained or imported weights). */
  readonly loadedGraphHash?: string;
  /** True while the worker profiles the loaded plan (`profile`). */
  readonly profiling?: boolean;
  /** Auto's last calibration (measured now, or remembered for the graph on this device). */
  readonly calibration?: ShownCalibration;
  /** True while Auto times the backends. */
  readonly calibrating?: boolean;
}

/** Options of {@link createRunSession}. */
export interface RunSessionOptions {
  /** The runs database (opened by the caller; the session does not close it). */
  readonly runs?: RunsStore;
  readonly diagnostics?: RunDiagnosticsStore;
  /** Where `profile` puts its result (default: the store the canvas strips read). */
  readonly profiles?: ProfileStore;
  /** Passed to every engine client the session starts (heartbeat, worker factory). */
  readonly client?: Omit<EngineClientOptions, 'onCrash' | 'onDeviceLost'>;
  /** Writes plugin data saved by a run back into the graph (a machine change, not an undo step). */
  readonly onGraphData?: (nodeId: string, data: Record<string, JsonValue>) => void;
  /**
   * The installed third-party plugin modules; the engine loads their lowerings before each
   * run or weight import (only when the set changed since the engine last loaded them).
   */
  readonly plugins?: () => readonly WorkerPluginModule[];
  /** Where Auto remembers its choices (default: `localStorage`). */
  readonly calibrations?: CalibrationMemory;
}

/** What a run may override; unset values come from the optimiser node. */
export interface RunOverrides {
  readonly seed?: number;
  readonly steps?: number;
}

/** The controller. All methods are safe to call in any state (they ignore what does not apply). */
export interface RunSession {
  readonly getState: () => RunSessionState;
  readonly subscribe: (listener: () => void) => () => void;
  /** Chooses the backend; restarts an idle engine so the choice and its reason show at once. */
  setPreference(preference: BackendPreference): Promise<void>;
  /** Starts the engine if it is not running (to show the backend before a run). */
  startEngine(): Promise<void>;
  /**
   * Compiles the graph, loads it and trains it; resolves when the run ends (however it ends).
   * With Auto, the backends are first timed on the graph unless a choice is remembered for it
   * on this device.
   */
  run(graph: RunGraph, overrides?: RunOverrides): Promise<void>;
  /** Auto only: times the backends on the graph again now, and remembers the new choice. */
  recalibrate(graph: RunGraph): Promise<void>;
  /**
   * Profiles a training step of the loaded plan in the worker (time per node, forward and
   * backward, and per kernel type) into the profile store; a failure becomes the fault.
   * Needs a loaded plan (a run or imported weights) and nothing else going on; a run waits for it.
   */
  profile(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  /** The plan last compiled for a run or an import. */
  plan(): ExecutionPlan | undefined;
  /** Inference on the loaded weights (see the worker's `infer`). */
  infer(feeds: Readonly<Record<string, Readonly<Record<string, WireTensor>>>>, outputs: readonly string[]): Promise<Record<string, WireTensor>>;
  /** Generates text from the loaded language model in the worker (see the worker's `generate`). */
  generate(request: GenerateRequest, onEvents: (events: GenerateEvent[]) => void): Promise<GenerateResult>;
  /** Reads and keeps a picked text file in the worker (starts the engine when needed). */
  addDataset(file: File | PickedFolder, onProgress: (loaded: number, total: number) => void): Promise<AddedDataset>;
  /** Reads and keeps a picked IDX images + labels pair in the worker (starts the engine when needed). */
  addIdxDataset(picked: PickedIdxFiles, onProgress: (loaded: number, total: number) => void): Promise<AddedIdxDataset>;
  /** The datasets kept in this browser. */
  listDatasets(): Promise<StoredDataset[]>;
  removeDataset(sha256: string): Promise<void>;
  /** Ends a generation between tokens (its promise resolves with what it made). */
  stopGenerating(): Promise<void>;
  /** The stored weights of a run, to save to a file. */
  runWeights(runId: string): Promise<ArrayBuffer | undefined>;
  /** Loads a weight file into the graph (the engine checks it was saved for this graph). */
  importWeights(graph: RunGraph, file: ArrayBuffer): Promise<void>;
  deleteRun(runId: string): Promise<void>;
  refreshRuns(): Promise<void>;
  memory(): Promise<MemoryInfo | undefined>;
  /** Terminates the worker; the session can start a new one later. */
  dispose(): void;
}

/**
 * The fault a run failed with. A coded failure that names no step (a crashed worker, an error
 * with no code in the engine) gets the step the page saw last plus one.
 */
function faultOf(e: unknown, fallbackStep?: number): Failure {
  const fault = failureOf(e, 'RUN_INTERNAL');
  return e instanceof NetwrightError && fault.step === undefined && fallbackStep ? { ...fault, step: fallbackStep } : fault;
}

/** How often the worker sends progress: 5 updates a second is smooth and costs the page little. */
const PROGRESS_INTERVAL_MS = 200;

const BUSY: readonly RunPhase[] = ['compiling', 'starting', 'running', 'paused', 'stopping'];

/** Creates a session. Nothing starts until it is used. */
export function createRunSession(options: RunSessionOptions = {}): RunSession {
  const diagnostics = options.diagnostics ?? defaultRunDiagnostics;
  const profiles = options.profiles ?? defaultProfiles;
  let state: RunSessionState = { preference: 'auto', engine: 'off', phase: 'idle', runVersion: 0, runs: [] };
  const listeners = new Set<() => void>();
  let client: EngineClient | undefined;
  let starting: Promise<EngineClient> | undefined;
  /** The preference the running client was started with. */
  let clientPreference: BackendPreference | undefined;
  let plan: ExecutionPlan | undefined;
  let history: TrainResult['history'] | undefined;
  /** Set after a lost GPU device: `auto` then means "not WebGPU" until the user chooses again. */
  let avoidWebgpu = false;
  const calibrations = options.calibrations ?? createCalibrationMemory();
  /** The device key of each live client, asked once. */
  const deviceKeys = new WeakMap<EngineClient, Promise<string>>();

  const set = (patch: Partial<RunSessionState>): void => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  const onCrash = (reason: string): void => {
    client = undefined;
    starting = undefined;
    const notice = avoidWebgpu && state.notice?.startsWith('The WebGPU device was lost') ? state.notice : `Engine stopped: ${reason}. The graph is untouched; the next run starts a new engine.`;
    set({ engine: 'crashed', backend: undefined, loadedGraphHash: undefined, notice });
  };
  const onDeviceLost = (message: string): void => {
    avoidWebgpu = true;
    set({ notice: `The WebGPU device was lost (${message}); the graph is untouched and training moves to another backend.` });
    // Restart at once so the panel shows the backend that took over.
    queueMicrotask(() => {
      void ensureEngine().catch(() => undefined);
    });
  };

  const wantedPreference = (): BackendPreference => (avoidWebgpu && (state.preference === 'auto' || state.preference === 'webgpu') ? 'wasm' : state.preference);

  const ensureEngine = async (): Promise<EngineClient> => {
    const preference = wantedPreference();
    if (starting) {
      // Another start is in flight (possibly for an older choice): let it finish, then check.
      await starting.catch(() => undefined);
      return ensureEngine();
    }
    if (client?.alive && clientPreference === preference) return client;
    client?.terminate();
    client = undefined;
    const fresh = createEngineClient({ ...options.client, onCrash, onDeviceLost });
    clientPreference = preference;
    set({ engine: 'starting', backend: undefined, loadedGraphHash: undefined });
    starting = fresh
      .init(preference)
      .then((backend) => {
        client = fresh;
        const notice = avoidWebgpu && state.notice?.startsWith('The WebGPU device was lost') ? `${state.notice} Now on ${backend.name}.` : state.notice;
        set({ engine: 'ready', backend, notice });
        return fresh;
      })
      .catch((e: unknown) => {
        fresh.terminate();
        set({ engine: 'crashed', notice: `The engine could not start: ${errorMessage(e)}` });
        throw e;
      })
      .finally(() => {
        starting = undefined;
      });
    return starting;
  };

  /** The module set each live client has loaded, as a comparable key. */
  const loadedPlugins = new WeakMap<EngineClient, string>();
  const syncPlugins = async (engine: EngineClient): Promise<void> => {
    const modules = options.plugins?.() ?? [];
    const key = JSON.stringify(modules.map((m) => [m.source, m.code]));
    if ((loadedPlugins.get(engine) ?? '[]') === key) return;
    await engine.loadPlugins(modules);
    loadedPlugins.set(engine, key);
  };
  /** A live engine with the installed plugin modules loaded: what a run, an import or a calibration needs. */
  const readyEngine = async (): Promise<EngineClient> => {
    const engine = await ensureEngine();
    await syncPlugins(engine);
    return engine;
  };

  const refreshRuns = async (): Promise<void> => {
    if (options.runs) set({ runs: await options.runs.list() });
  };

  // After a save or a delete the list is patched in memory, not read back: reading every
  // stored run (curves included) at each run's start and end is work the page need not do.
  const saveRecord = async (record: RunRecord, weights?: ArrayBuffer): Promise<void> => {
    if (!options.runs) return;
    await options.runs.put(record);
    if (weights) await options.runs.putWeights(record.id, weights);
    const stored = weights ? { ...record, hasWeights: true } : record;
    const others = state.runs.filter((r) => r.id !== record.id);
    set({ runs: [stored, ...others].sort(newestFirst) });
  };

  const failWith = (fault: Failure): void => {
    if (fault.node) diagnostics.markFault(fault.node, { code: fault.code, message: fault.message, ...(fault.port ? { port: fault.port } : {}) });
    set({ phase: 'failed', fault });
  };

  /**
   * Auto: the backend remembered for this graph on this device, or a calibration (autoBackend.ts).
   * When calibration cannot run, the fixed rules' choice stays and a notice says why; a
   * crashed engine fails the run.
   */
  const chooseAuto = async (engine: EngineClient, compiled: ExecutionPlan, force: boolean, seed?: number): Promise<void> => {
    set({ calibrating: true });
    try {
      const keyed = deviceKeys.get(engine) ?? engine.deviceKey();
      deviceKeys.set(engine, keyed);
      const device = await keyed;
      set(await autoBackend(engine, compiled, { memory: calibrations, device, force, ...(state.backend ? { current: state.backend } : {}), ...(seed === undefined ? {} : { seed }) }));
    } catch (e) {
      if (!engine.alive) throw e;
      set({ notice: `Auto could not time the backends (${errorMessage(e)}); the fixed rules chose ${state.backend?.name ?? 'the backend'}.` });
    } finally {
      set({ calibrating: false });
    }
  };
  const calibrates = (): boolean => state.preference === 'auto' && !avoidWebgpu;

  const compileFor = (graph: RunGraph): ExecutionPlan | undefined => {
    const compiled = compilePlan(graph);
    if (compiled.ok) return compiled.plan;
    const first = compiled.errors[0];
    for (const d of compiled.errors) if (d.node) diagnostics.markFault(d.node, { code: d.code, message: d.message, ...(d.port ? { port: d.port } : {}) });
    set({
      phase: 'failed',
      fault: first
        ? { code: first.code, message: `The graph does not compile: ${first.message}`, ...(first.node ? { node: first.node } : {}) }
        : { code: 'COMPILE_FAILED', message: 'The graph does not compile.' },
    });
    return undefined;
  };

  const session: RunSession = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async setPreference(preference) {
      avoidWebgpu = false;
      if (BUSY.includes(state.phase)) {
        set({ preference, notice: undefined });
        return;
      }
      set({ preference, notice: undefined, engine: 'off', backend: undefined, loadedGraphHash: undefined });
      await ensureEngine().catch(() => undefined);
    },
    async startEngine() {
      await ensureEngine().catch(() => undefined);
    },
    async run(graph, overrides = {}) {
      if (BUSY.includes(state.phase) || state.calibrating || state.profiling) return;
      diagnostics.clear();
      profiles.set(undefined);
      set({ phase: 'compiling', fault: undefined });
      // Compiling (checking and hashing the graph) is the page's biggest step of a run start:
      // a task of its own, after the click's re-render, keeps each of them short.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const compiled = compileFor(graph);
      if (!compiled) return;
      plan = compiled;
      set({ phase: 'starting' });
      let live: LiveRun | undefined;
      try {
        const engine = await readyEngine();
        if (calibrates()) await chooseAuto(engine, compiled, false, overrides.seed);
        await engine.load(compiled, overrides.seed);
        set({ loadedGraphHash: compiled.graphHash });
        const backend = state.backend;
        const title = typeof graph.doc.meta.title === 'string' ? graph.doc.meta.title : 'Untitled graph';
        live = createLiveRun({ id: newRunId(), graphHash: compiled.graphHash, title, backend: backend?.name ?? 'unknown', backendReason: backend?.reason ?? '' });
        const run = live;
        set({ phase: 'running', run, runVersion: run.version });
        await saveRecord(toRecord(run, 'running'));
        const result = await engine.train(
          { ...(overrides.seed !== undefined ? { seed: overrides.seed } : {}), ...(overrides.steps !== undefined ? { steps: overrides.steps } : {}), ...(history ? { history } : {}), progressIntervalMs: PROGRESS_INTERVAL_MS },
          (events) => {
            applyEvents(run, events);
            diagnostics.update(run.lastDiagnostics, run.step);
            set({ runVersion: run.version });
          },
        );
        history = result.history;
        const weights = await engine.exportWeights();
        const status = result.stopped ? 'stopped' : 'done';
        await saveRecord(toRecord(run, status, { hasWeights: true }), weights).catch(() => undefined);
        for (const [node, data] of Object.entries(result.savedData)) options.onGraphData?.(node, data as Record<string, JsonValue>);
        set({ phase: status, runVersion: run.version });
      } catch (e) {
        const fault = faultOf(e, live ? live.step + 1 : undefined);
        if (live) await saveRecord(toRecord(live, 'failed', { fault })).catch(() => undefined);
        failWith(fault);
      }
    },
    async recalibrate(graph) {
      if (BUSY.includes(state.phase) || state.calibrating || !calibrates()) return;
      diagnostics.clear();
      const compiled = compileFor(graph);
      if (!compiled) return;
      try {
        const engine = await readyEngine();
        await chooseAuto(engine, compiled, true);
        // The engine holds no plan after calibrating: weights must come from a new run or import.
        set({ loadedGraphHash: undefined });
      } catch (e) {
        failWith(faultOf(e));
      }
    },
    async profile() {
      const engine = client;
      if (BUSY.includes(state.phase) || state.calibrating || state.profiling || !engine?.alive || !state.loadedGraphHash) return;
      set({ profiling: true, fault: undefined });
      try {
        profiles.set(await engine.profile());
      } catch (e) {
        const fault = faultOf(e);
        if (fault.node) diagnostics.markFault(fault.node, { code: fault.code, message: fault.message, ...(fault.port ? { port: fault.port } : {}) });
        set({ fault });
      } finally {
        set({ profiling: false });
      }
    },
    async pause() {
      if (state.phase !== 'running' || !client) return;
      await client.pause();
      set({ phase: 'paused' });
    },
    async resume() {
      if (state.phase !== 'paused' || !client) return;
      await client.resume();
      set({ phase: 'running' });
    },
    async stop() {
      if ((state.phase !== 'running' && state.phase !== 'paused') || !client) return;
      set({ phase: 'stopping' });
      await client.stop();
    },
    plan: () => plan,
    async infer(feeds, outputs) {
      const engine = client;
      if (!engine?.alive || !state.loadedGraphHash) throw new NetwrightError('RUN_NOTHING_LOADED', 'run the graph or load weights first');
      return engine.infer(feeds, outputs);
    },
    async generate(request, onEvents) {
      const engine = client;
      if (!engine?.alive || !state.loadedGraphHash) throw new NetwrightError('RUN_NOTHING_LOADED', 'run the graph or load weights first');
      if (BUSY.includes(state.phase)) throw new NetwrightError('ENGINE_BUSY', 'a run is in progress: wait for it to end');
      return engine.generate(request, onEvents);
    },
    async addDataset(file, onProgress) {
      return (await ensureEngine()).addDataset(file, onProgress);
    },
    async addIdxDataset(picked, onProgress) {
      return (await ensureEngine()).addIdxDataset(picked, onProgress);
    },
    async listDatasets() {
      return (await ensureEngine()).listDatasets();
    },
    async removeDataset(sha256) {
      await (await ensureEngine()).removeDataset(sha256);
    },
    async stopGenerating() {
      if (client?.alive) await client.stop();
    },
    async runWeights(runId) {
      return options.runs?.getWeights(runId);
    },
    async importWeights(graph, file) {
      if (BUSY.includes(state.phase)) return;
      diagnostics.clear();
      const compiled = compileFor(graph);
      if (!compiled) return;
      try {
        const engine = await readyEngine();
        await engine.load(compiled);
        plan = compiled;
        await engine.importWeights(file);
        set({ loadedGraphHash: compiled.graphHash, fault: undefined, phase: 'idle', notice: 'Weights loaded into this graph.' });
      } catch (e) {
        set({ loadedGraphHash: undefined });
        failWith(faultOf(e));
      }
    },
    async deleteRun(runId) {
      if (!options.runs) return;
      await options.runs.delete(runId);
      set({ runs: state.runs.filter((r) => r.id !== runId) });
    },
    refreshRuns,
    async memory() {
      return client?.alive ? client.memory() : undefined;
    },
    dispose() {
      client?.terminate();
      client = undefined;
      listeners.clear();
    },
  };
  return session;
}
