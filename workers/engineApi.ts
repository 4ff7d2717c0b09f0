/**
 * The engine worker's API as the page sees it: plain-data types only, no tfjs at run time. The
 * editor imports this file (type-only) and reaches the engine through comlink; the worker
 * implements {@link EngineWorkerApi}. Every result is an {@link Outcome} because comlink keeps
 * only `name`, `message` and `stack` of a thrown Error: the code, the node and the step it names
 * would be lost. A failure crosses as the runtime's {@link Failure}, the plain-data form of its
 * `NetwrightError`, on both sides.
 */
import type { ExecutionPlan } from '../runtime/compile/plan.ts';
import type { BackendChoice, BackendPreference } from '../runtime/exec/backends.ts';
import type { CalibratedChoice } from '../runtime/exec/engine.ts';
import type { PlanProfile } from '../runtime/exec/profileTypes.ts';
import type { ProgressEvent, TrainResult } from '../runtime/exec/trainTypes.ts';
import type { Failure } from '../runtime/sdk/errors.ts';

export type { ExecutionPlan } from '../runtime/compile/plan.ts';
export type { Failure } from '../runtime/sdk/errors.ts';
export type { AdapterInfo, BackendChoice, BackendName, BackendPreference } from '../runtime/exec/backends.ts';
export type { BackendTiming, Calibration } from '../runtime/exec/calibrate.ts';
export type { CalibratedChoice } from '../runtime/exec/engine.ts';
export type { DoneEvent, EvalEvent, Metrics, NodeDiagnostics, ProgressEvent, StartEvent, StepEvent, TrainResult } from '../runtime/exec/trainTypes.ts';
export type { KernelProfile, NodeKernels, NodeProfile, PlanProfile, ProfileClock } from '../runtime/exec/profileTypes.ts';

/** The result of a worker call: a value or a coded failure. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

/** A tensor crossing the worker boundary; `data` is transferred, not copied. */
export interface WireTensor {
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: ArrayBuffer;
}

/** What `load` reports. */
export interface LoadInfo {
  readonly graphHash: string;
  readonly paramCount: number;
  /** Milliseconds the warm-up (shader compilation) took, when there was one. */
  readonly warmUpMs?: number;
}

/** Engine memory, for leak checks and the UI. */
export interface MemoryInfo {
  readonly backend: string;
  readonly numTensors: number;
  readonly numBytes: number;
  /** Bytes held in GPU buffers (webgpu/webgl), when the backend reports them. */
  readonly numBytesInGPU?: number;
  /** Extra backend-specific counts (e.g. WebGPU buffers in the pool). */
  readonly details?: Readonly<Record<string, number>>;
}

/** Training options that cross the boundary (the run control stays in the worker). */
export interface WorkerTrainOptions {
  readonly steps?: number;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly evalEvery?: number;
  /** Previous run's history, for schedule nodes such as the LR refiner. */
  readonly history?: { readonly gradNorms: readonly number[] };
  /** Progress events are sent in batches at most this often (ms). Default 100. */
  readonly progressIntervalMs?: number;
}

/** Options of `calibrate` (Auto, calibrated). */
export interface WorkerCalibrateOptions {
  /** Time for every backend together (ms). Default 2000. */
  readonly budgetMs?: number;
  /** Seed and batch size of the timed steps (default: the optimiser's, as a run). */
  readonly seed?: number;
  readonly batchSize?: number;
}

/** Options of `profile` (plain data: the run control stays in the worker). */
export interface WorkerProfileOptions {
  /** Profiled steps after the warm-up (default 5). */
  readonly steps?: number;
  readonly seed?: number;
  readonly batchSize?: number;
}

/**
 * A plugin module for the worker to import: a URL it can load (same origin or CORS), or the
 * module's code (a local file installed on the page), which the worker loads from a blob.
 */
export interface WorkerPluginModule {
  /** The module's name in messages (its URL or file name). */
  readonly source: string;
  /** The code to run: the code the user confirmed (never a URL: the worker imports nothing else). */
  readonly code: string;
  /** SHA-256 of `code` as the page confirmed it; the worker refuses code that does not match. */
  readonly sha256?: string;
}

/** What the worker loaded from one module. */
export interface LoadedPluginModule {
  readonly source: string;
  /** Ids and versions of the lowerings it registered. */
  readonly plugins: readonly { readonly id: string; readonly version: string }[];
}

/** What "Try it" asks a language model for (see `generate`). */
export interface GenerateRequest {
  /** Text to continue; every character must be in the model's vocabulary (empty: a new line). */
  readonly prompt: string;
  /** Tokens to generate (1 to 5000). */
  readonly tokens: number;
  /** Divides the logits; 0 = always the most likely token. */
  readonly temperature: number;
  /** Draw only from the k most likely tokens; 0 = all. */
  readonly topK: number;
  readonly seed?: number;
}

/** News of a generation: how it runs (first), then text as it is generated. */
export type GenerateEvent =
  | { readonly kind: 'start'; readonly mode: 'step' | 'window'; readonly fallback?: string }
  | { readonly kind: 'text'; readonly text: string };

/** Receives generation events in order. */
export type GenerateSink = (events: GenerateEvent[]) => void;

/** A finished generation. */
export interface GenerateResult {
  /** The generated text (without the prompt). */
  readonly text: string;
  /** `step`: token by token through the step forms; `window`: the window re-run per token. */
  readonly mode: 'step' | 'window';
  /** Why it re-ran the window (the nodes without a step form). */
  readonly fallback?: string;
  readonly tokens: number;
  /** Milliseconds the prompt took to feed, and per generated token after it. */
  readonly promptMs: number;
  readonly msPerToken: number;
  /** True when Stop ended it before `tokens`. */
  readonly stopped: boolean;
}

/** A dataset the user picked, as the worker keeps it (the bytes stay in the worker). */
export interface StoredDataset {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
  /** The file's characters, sorted (a text-corpus node's char-level vocabulary). */
  readonly vocab: string;
  readonly addedAt: number;
}

/** What `addDataset` made of a picked file. */
export interface AddedDataset extends StoredDataset {
  /** False when IndexedDB refused it (full): it serves this session only; `note` says so. */
  readonly stored: boolean;
  readonly note?: string;
}

/** A folder the user picked: its name and each file with its path inside it (`label/x.png`). */
export interface PickedFolder {
  readonly folder: string;
  readonly files: readonly { readonly path: string; readonly file: File }[];
}

/**
 * MNIST-format IDX files the user picked together for an image-dataset node: the images and the
 * labels, in any order (their magic numbers say which is which).
 */
export interface PickedIdxFiles {
  readonly idxFiles: readonly File[];
}

/** What `addIdxDataset` made of a picked IDX pair: each file kept as a dataset of its own. */
export interface AddedIdxDataset {
  readonly images: AddedDataset;
  readonly labels: AddedDataset;
  /** What the pair holds (images, their size, classes) and any warning, for the user. */
  readonly summary: string;
  /** The highest label + 1. */
  readonly classes: number;
}

/** Receives bytes read so far of a picked file. */
export type ReadProgressSink = (loaded: number, total: number) => void;

/** Unsolicited news from the worker (not tied to a call). */
export type WorkerNotice = { readonly kind: 'device-lost'; readonly message: string };

/**
 * Sent by the worker around the warm-up that compiles GPU shaders before the first step
 * (webgpu/webgl only, once per graph and batch size).
 */
export interface WarmUpEvent {
  readonly event: 'warmup';
  readonly phase: 'start' | 'end';
  readonly backend: string;
  /** Duration of the warm-up (phase `end`). */
  readonly ms?: number;
}

/** Any event of a run's progress stream. */
export type WorkerProgressEvent = ProgressEvent | WarmUpEvent;

/** Receives batches of progress events, in order. */
export type ProgressSink = (events: WorkerProgressEvent[]) => void;
/** Receives worker notices. */
export type NoticeSink = (notice: WorkerNotice) => void;

/**
 * The comlink-exposed engine. Calls run one at a time except `pause`, `resume`, `stop`, `ping`
 * and `memory`, which are answered while a run is in progress.
 */
export interface EngineWorkerApi {
  /** Heartbeat: returns the worker's clock. */
  ping(): number;
  /** Chooses and starts a backend; `onNotice` hears about a lost GPU device. */
  init(preference: BackendPreference, onNotice?: NoticeSink): Promise<Outcome<BackendChoice>>;
  /**
   * Auto, calibrated: times a few training steps of `plan` on each backend that starts here
   * (2 s for all by default), then runs on the fastest; the fixed rules choose when none could
   * be timed. The result's `choice.reason` is the line the run panel shows. Leaves no plan
   * loaded and no tensors behind: call `load` next. Fails as `load` does for a bad plan.
   */
  calibrate(plan: ExecutionPlan, options?: WorkerCalibrateOptions): Promise<Outcome<CalibratedChoice>>;
  /** This device as a key for remembered choices: the user agent and the WebGPU adapter. */
  deviceKey(): Promise<Outcome<string>>;
  /**
   * Replaces the set of third-party plugin modules whose lowerings later `load` calls use
   * next to the built-ins. Fails (`PLUGIN_MODULE`, `PLUGIN_DUPLICATE`) naming the module;
   * on failure the previous set stays.
   */
  loadPlugins(modules: readonly WorkerPluginModule[]): Promise<Outcome<readonly LoadedPluginModule[]>>;
  /** Builds weights for a plan (replacing the previous one) and warms the backend up. */
  load(plan: ExecutionPlan, seed?: number): Promise<Outcome<LoadInfo>>;
  /** Trains the loaded plan; resolves when the run ends (finished, stopped or failed). */
  train(options: WorkerTrainOptions, onProgress: ProgressSink): Promise<Outcome<TrainResult>>;
  /**
   * Profiles a training step of the loaded plan on the engine's backend (runtime/exec/profile.ts,
   * on weights of its own: the loaded ones are untouched): time per node, forward and backward,
   * and per kernel type. `stop` ends it after the current step. Fails with `ENGINE_BUSY` during
   * a run and `ENGINE_NOT_LOADED` without a plan.
   */
  profile(options?: WorkerProfileOptions): Promise<Outcome<PlanProfile>>;
  pause(): void;
  resume(): void;
  stop(): void;
  /**
   * Runs the loaded plan forward in inference mode. `feeds` replace data nodes' outputs (node
   * id, then port); `outputs` are `node:port` keys.
   */
  infer(feeds: Readonly<Record<string, Readonly<Record<string, WireTensor>>>>, outputs: readonly string[]): Promise<Outcome<Record<string, WireTensor>>>;
  /**
   * Generates text from the loaded language model (a graph with a text-corpus node) after
   * `request.prompt`, through the step forms when every node has one, else by re-running the
   * window; `onEvents` hears how, then the text in chunks. `stop` ends it between tokens.
   * Fails with `ENGINE_BUSY` during a run, `ENGINE_NOT_LOADED` without a plan,
   * `CLI_SAMPLE_PROMPT` for a character outside the vocabulary.
   */
  generate(request: GenerateRequest, onEvents: GenerateSink): Promise<Outcome<GenerateResult>>;
  /**
   * Reads a text file the user picked (in the worker, in chunks: `onProgress`), checks it (empty,
   * not UTF-8: `ENGINE_DATA_FILE` naming the file), hashes it and keeps it (shelf and IndexedDB);
   * a picked folder of images is packed, every image decoded to check it, and kept the same way.
   */
  addDataset(file: File | PickedFolder, onProgress: ReadProgressSink): Promise<Outcome<AddedDataset>>;
  /**
   * Reads two IDX files picked for an image-dataset node (in the worker: `onProgress` counts the
   * bytes of both), tells images from labels by their magic numbers, checks them (headers match
   * the sizes, as many labels as images; a 0-byte or non-IDX file fails with `ENGINE_DATA_FILE`
   * naming it, before anything is kept), hashes each and keeps both as `addDataset` keeps a file.
   */
  addIdxDataset(picked: PickedIdxFiles, onProgress: ReadProgressSink): Promise<Outcome<AddedIdxDataset>>;
  /** The datasets kept in this browser. */
  listDatasets(): Promise<Outcome<StoredDataset[]>>;
  /** Forgets a kept dataset. */
  removeDataset(sha256: string): Promise<Outcome<null>>;
  /** The trained weights as a file (bytes), stamped with the plan's graph hash. */
  exportWeights(): Promise<Outcome<ArrayBuffer>>;
  /** Loads weights exported from the same graph (the engine checks the graph hash). */
  importWeights(file: ArrayBuffer): Promise<Outcome<null>>;
  memory(): Promise<Outcome<MemoryInfo>>;
  /** Frees the plan's tensors (the worker stays usable). */
  dispose(): Promise<Outcome<null>>;
}
