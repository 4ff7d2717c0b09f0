/**
 * What the browser side of the backend suites (test/browser: the fixture page and its worker)
 * and the Node tests driving it exchange. Plain data only: it crosses `page.evaluate` and
 * comlink.
 */
import type { Fixture } from '../../runtime/exec/fixtures/index.ts';

/** Where jobs run. */
export type FixtureContext = 'page' | 'worker';

/** The backends the suites run on. */
export type SuiteBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** One fixture in one implementation form. */
export interface FixtureJob {
  readonly fixture: Fixture;
  /** Implementation-only param overrides (e.g. GLA's `mode`); `{}` for the plugin's defaults. */
  readonly form: Readonly<Record<string, string | number>>;
}

/** The outcome of one job. */
export interface FixtureJobResult {
  readonly name: string;
  readonly form: Readonly<Record<string, string | number>>;
  readonly ok: boolean;
  readonly error?: string;
  /** Tensors alive after the job that were not before it. */
  readonly leaked: number;
  /** Synchronous readbacks of device data (`dataSync`, `arraySync`) the job made. */
  readonly syncReads: number;
  /** Uncaptured WebGPU errors while the job ran (each one means wrong numbers). */
  readonly gpuErrors: readonly string[];
  readonly checks: readonly { path: string; ok: boolean; maxAbsError: number; worstRatio: number; message?: string }[];
}

/** What a run of jobs on one backend hands back. */
export interface BackendRun {
  readonly backend: string;
  readonly reason: string;
  readonly results: readonly FixtureJobResult[];
  /** Set when the backend could not run the jobs at all (e.g. it did not start). */
  readonly fatal?: string;
}

/** A few training steps of an example plan on one backend. */
export interface ExampleRun {
  readonly backend: string;
  /** Training loss of each step, in order. */
  readonly losses: readonly number[];
  /** Global gradient norm of each step (before clipping), in order: checks the backward. */
  readonly gradNorms: readonly number[];
  /** Synchronous readbacks of device data during the run (load and train). */
  readonly syncReads: number;
  /** Tensor reads the code asked for while training (`data`, `dataSync`, ...): the steps' one interval and the final evaluation. */
  readonly tensorReads: number;
  readonly gpuErrors: readonly string[];
  /** Tensors alive after the engine was disposed that were not before it was loaded. */
  readonly leaked: number;
  readonly error?: string;
}

/** A training run with its readbacks counted (test/browser/readbackRuns.ts). */
export interface ReadbackRun {
  readonly backend: string;
  /** Tensor reads the code asked for (`data`, `dataSync`, `arraySync`, ...), load excluded. */
  readonly tensorReads: number;
  /** WebGPU buffer maps (`mapAsync`). */
  readonly bufferMaps: number;
  /** WebGL `readPixels` and `getBufferSubData` calls. */
  readonly glReads: number;
  /** The counts when each step event arrived. */
  readonly atStepEvents: readonly { step: number; tensorReads: number; bufferMaps: number; glReads: number }[];
  readonly losses: readonly number[];
  /** Tensors alive after the engine was disposed that were not before it was loaded. */
  readonly leaked?: number;
  readonly error?: string;
}

/** One graph measured by the browser side of the models bench (test/browser/benchRuns.ts). */
export interface BrowserBenchRow {
  readonly backend: string;
  readonly reason: string;
  /** The warm-up run (shader compilation included). */
  readonly warmupMs?: number;
  /** Mean wall time of a measured step. */
  readonly msPerStep?: number;
  readonly kernelsPerStep?: number;
  /** Tensor reads the code asked for, per step. */
  readonly readbacksPerStep?: number;
  /** WebGPU buffer maps (webgpu) or WebGL reads of GPU memory (webgl), per step. */
  readonly deviceReadsPerStep?: number;
  /** Most tensor bytes alive during the profiled run. */
  readonly peakBytes?: number;
  /** Tensors alive after the engine was disposed that were not before. */
  readonly leaked?: number;
  readonly error?: string;
}

/** One op-level check of a GPU kernel fix against cpu. */
export interface KernelCheck {
  readonly name: string;
  /** Largest |backend − cpu| over every output element (Infinity for NaN or Inf). */
  readonly maxAbsError: number;
  readonly gpuErrors: readonly string[];
  /** Set when the case threw (e.g. a shader that does not compile). */
  readonly error?: string;
}

/** What the fixture page exposes as `window.__nwFixtures`. */
export interface FixturePageApi {
  /** Runs fixture jobs on `backend`, in the page or in a fresh worker. */
  run(context: FixtureContext, backend: SuiteBackend, jobs: readonly FixtureJob[]): Promise<BackendRun>;
  /** Trains an execution plan (as JSON) for `steps` steps on `backend`, in a fresh worker (batch size: the plan's, unless given). */
  train(backend: SuiteBackend, planJson: string, steps: number, batchSize?: number): Promise<ExampleRun>;
  /** Trains a plan for `steps` steps on `backend` in a fresh worker, `readbackSteps` per readback, counting readbacks. */
  readbacks(backend: SuiteBackend, planJson: string, steps: number, readbackSteps: number): Promise<ReadbackRun>;
  /** Measures a plan on `backend` in a fresh worker for the models bench's `--browser` mode. */
  bench(backend: SuiteBackend, planJson: string, warmup: number, steps: number): Promise<BrowserBenchRow>;
  /** Runs the op-level checks of the GPU kernel fixes on `backend`, in the page. */
  kernels(backend: SuiteBackend): Promise<KernelCheck[]>;
}
