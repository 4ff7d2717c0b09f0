/**
 * Calibrated backend choice ("Auto" in the run panel): time a few real training steps of the
 * open graph on each backend that starts here, within a time budget, and choose the fastest.
 * The loop is written against a {@link CalibrationProbe} (start a backend, run steps) and a
 * clock, so its rules are tested in Node with fake backends and timings; `Engine.calibrate`
 * gives it the real probe. The fixed rules of backends.ts stay the fallback when no backend
 * could be timed.
 */
import type { BackendName } from './backends.ts';

/** What calibration measured on one backend. */
export interface BackendTiming {
  readonly name: BackendName;
  /** Training steps per second; absent when the backend was not timed. */
  readonly stepsPerSecond?: number;
  /**
   * Steps behind `stepsPerSecond` (their median): the later half of those run after the first
   * (the first one alone when nothing else fit).
   */
  readonly steps: number;
  /** Milliseconds from the start of the run to the end of its first step (set-up and, on webgl and webgpu, shader compilation included). */
  readonly firstStepMs?: number;
  /**
   * The quickest step after the first (ms): what a step costs when nothing else competes for
   * the machine, where `stepsPerSecond` also pays for what does.
   */
  readonly quickestStepMs?: number;
  /**
   * Why the backend was not timed ("software, SwiftShader", "its first step took 3.1 s",
   * "webgl did not start"), or what qualifies its number ("first step only").
   */
  readonly note?: string;
}

/** The outcome of a calibration. */
export interface Calibration {
  /** The backend chosen: the fastest timed one, else the fixed rules' choice. */
  readonly chosen: BackendName;
  /** Every candidate in the order tried, timed or not. */
  readonly timings: readonly BackendTiming[];
  /** True when no backend could be timed and the fixed rules chose. */
  readonly fallback: boolean;
  /** The budget the timing kept to (ms). */
  readonly budgetMs: number;
  /** Wall time calibration took (ms). */
  readonly ms: number;
}

/** A backend to time, or one that is listed without being timed (`skip` says why). */
export interface CalibrationCandidate {
  readonly name: BackendName;
  /** Set when the backend is not timed: why (its note). */
  readonly skip?: string;
  /** Shown with the number when it is timed. */
  readonly note?: string;
  /** Decides, given the timings so far, that the backend is not worth timing: why, or `undefined` to time it. */
  readonly skipIf?: (timed: readonly BackendTiming[]) => string | undefined;
}

/** Runs real training steps on a backend, for timing. */
export interface CalibrationProbe {
  /** Makes `name` the active backend; resolves to why it cannot be used, or `undefined`. */
  start(name: BackendName): Promise<string | undefined>;
  /**
   * Trains the open graph from fresh weights, calling `onStep` after each step and stopping
   * before the next one once it returns false. Must leave no tensors behind; may throw (the
   * backend is then listed with the error).
   */
  steps(onStep: () => boolean): Promise<void>;
}

/** Options of {@link calibrateBackends}. */
export interface CalibrateOptions {
  /** Time for all backends together (ms). Default {@link DEFAULT_CALIBRATION_BUDGET_MS}. */
  readonly budgetMs?: number;
  /** Most steps timed per backend (after the first). Default 40. */
  readonly maxSteps?: number;
  /**
   * A backend stops once its timed steps (the first left out) took this long, leaving the rest
   * of its share to the backends after it (ms). Default 300.
   */
  readonly enoughMs?: number;
  /** The clock (ms); default {@link clockMs}. */
  readonly now?: () => number;
}

/** Milliseconds from a monotonic clock where there is one (`performance.now`), else `Date.now`. */
export function clockMs(): number {
  const p = (globalThis as { readonly performance?: { now(): number } }).performance;
  return p ? p.now() : Date.now();
}

/** Default budget of a calibration: 2 s for every backend together. */
export const DEFAULT_CALIBRATION_BUDGET_MS = 2000;

/** A backend share smaller than this is not worth starting (ms). */
const MIN_SHARE_MS = 50;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** Turns the step stamps of one backend into its timing. */
function timingOf(
  candidate: CalibrationCandidate,
  startedAt: number,
  stamps: readonly number[],
  shareMs: number,
): BackendTiming {
  const base = { name: candidate.name, ...(candidate.note ? { note: candidate.note } : {}) };
  const first = stamps[0];
  if (first === undefined) return { ...base, steps: 0, note: 'no step finished' };
  const firstStepMs = first - startedAt;
  if (stamps.length === 1) {
    if (firstStepMs > shareMs)
      return {
        name: candidate.name,
        steps: 0,
        firstStepMs,
        note: `its first step took ${seconds(firstStepMs)}, over its share of the time`,
      };
    // Only the first step fit: its time stands for a step, shader compilation included.
    const note = [candidate.note, 'first step only'].filter((n) => n !== undefined).join(', ');
    return {
      name: candidate.name,
      steps: 1,
      firstStepMs,
      stepsPerSecond: 1000 / Math.max(firstStepMs, 1e-3),
      note,
    };
  }
  // The median step of the later half: the first few after the shader compilation still
  // settle (SwiftShader WebGL, two spirals: 1.5 s, 213 ms, 51 ms, then ~25 ms a step; cpu and
  // wasm warm up their JIT and caches too), and on a loaded machine other processes stretch
  // some steps many times over, which a mean would count and a median does not.
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]!);
  const later = intervals.slice(Math.floor(intervals.length / 2)).sort((a, b) => a - b);
  const mid = later.length / 2;
  const median = later.length % 2 === 1 ? later[Math.floor(mid)]! : (later[mid - 1]! + later[mid]!) / 2;
  return {
    ...base,
    steps: later.length,
    firstStepMs,
    quickestStepMs: Math.min(...intervals),
    stepsPerSecond: 1000 / Math.max(median, 1e-3),
  };
}

/**
 * Times every candidate in order and returns the timings; the fastest is {@link fastestTiming}.
 * The budget is shared: each backend gets what is left divided by the backends still to go, so
 * one that finishes early (its timed steps took `enoughMs`) leaves its time to the next. A backend's first step (shader
 * compilation on GPU backends) is not counted when a second step fits in its share; a backend
 * whose first step alone takes longer than its share is stopped there and left untimed. A step
 * cannot be cut short, so a run can pass the budget by at most one step of one backend.
 */
export async function timeBackends(
  candidates: readonly CalibrationCandidate[],
  probe: CalibrationProbe,
  options: CalibrateOptions = {},
): Promise<BackendTiming[]> {
  const budgetMs = options.budgetMs ?? DEFAULT_CALIBRATION_BUDGET_MS;
  const maxSteps = options.maxSteps ?? 40;
  const enoughMs = options.enoughMs ?? 300;
  const now = options.now ?? clockMs;
  const t0 = now();
  const timings: BackendTiming[] = [];
  let toGo = candidates.filter((c) => c.skip === undefined).length;
  for (const candidate of candidates) {
    if (candidate.skip !== undefined) {
      timings.push({ name: candidate.name, steps: 0, note: candidate.skip });
      continue;
    }
    const shareMs = (budgetMs - (now() - t0)) / toGo;
    toGo--;
    const skip = candidate.skipIf?.(timings);
    if (skip !== undefined) {
      timings.push({ name: candidate.name, steps: 0, note: skip });
      continue;
    }
    if (shareMs < MIN_SHARE_MS) {
      timings.push({ name: candidate.name, steps: 0, note: 'no time was left' });
      continue;
    }
    const failed = await probe.start(candidate.name);
    if (failed !== undefined) {
      timings.push({ name: candidate.name, steps: 0, note: failed });
      continue;
    }
    const startedAt = now();
    const stamps: number[] = [];
    try {
      await probe.steps(() => {
        const at = now();
        stamps.push(at);
        return at - startedAt < shareMs && at - stamps[0]! < enoughMs && stamps.length <= maxSteps;
      });
      timings.push(timingOf(candidate, startedAt, stamps, shareMs));
    } catch (e) {
      timings.push({
        name: candidate.name,
        steps: 0,
        note: `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      });
    }
  }
  return timings;
}

/** The timed backend with the most steps per second (the earlier one on a tie), if any. */
export function fastestTiming(timings: readonly BackendTiming[]): BackendTiming | undefined {
  let best: BackendTiming | undefined;
  for (const t of timings) {
    if (
      t.stepsPerSecond !== undefined &&
      (best?.stepsPerSecond === undefined || t.stepsPerSecond > best.stepsPerSecond)
    )
      best = t;
  }
  return best;
}

/** Steps per second as the panel shows them: two significant digits below 10, whole numbers above. */
export function formatStepsPerSecond(v: number): string {
  return v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(2);
}

/** A timed backend in a calibration line: `wasm 41 steps/s`, `webgl 12`, `webgpu 3.1 (first step only)`. */
function describeTiming(t: BackendTiming, withUnit: boolean): string {
  const rate = t.stepsPerSecond === undefined ? '–' : formatStepsPerSecond(t.stepsPerSecond);
  return `${t.name} ${rate}${withUnit ? ' steps/s' : ''}${t.note ? ` (${t.note})` : ''}`;
}

/**
 * The calibration in one line for the UI and the run record, e.g.
 * `Auto: wasm 41 steps/s · webgl 12 · webgpu 3.1 — chose wasm; not timed: cpu (…)`:
 * the timed backends fastest first, the choice, then the untimed ones with why, those with the
 * same reason together (`webgl, webgpu (software, SwiftShader)`).
 */
export function describeCalibration(c: Calibration): string {
  const timed = c.timings
    .filter((t) => t.stepsPerSecond !== undefined)
    .sort((a, b) => b.stepsPerSecond! - a.stepsPerSecond!);
  const rates = timed.map((t, i) => describeTiming(t, i === 0)).join(' · ');
  const head = !c.fallback
    ? `${rates} — chose ${c.chosen}`
    : timed.length === 0
      ? `no backend could be timed; the fixed rules chose ${c.chosen}`
      : `${rates} — the fastest did not start again; the fixed rules chose ${c.chosen}`;
  const why = new Map<string, string[]>();
  for (const t of c.timings)
    if (t.stepsPerSecond === undefined) why.set(t.note ?? '', [...(why.get(t.note ?? '') ?? []), t.name]);
  const untimed = [...why].map(([note, names]) => `${names.join(', ')}${note ? ` (${note})` : ''}`);
  return `Auto: ${head}${untimed.length > 0 ? `; not timed: ${untimed.join('; ')}` : ''}`;
}

/** What {@link calibrationCandidates} needs to know about where it runs. */
export interface CalibrationEnv {
  readonly isBrowser: boolean;
  /** The WebGPU adapter, when there is one; `software` names a software rasteriser. */
  readonly webgpu?: { readonly software?: string };
  /** The WebGL renderer, when known; `software` names a software rasteriser. */
  readonly webgl?: { readonly software?: string };
}

/**
 * Above this wasm step time (ms; the quickest step) cpu is not timed: it runs the same kernels in plain
 * JavaScript, and the gap grows with the graph (measured in Chromium: 2x slower than wasm on
 * two spirals at 2 ms a step, 40x on the GLA example at 140 ms), so its first step alone
 * would take seconds, far past its share, to lose anyway.
 */
export const CPU_AFTER_WASM_STEP_MS = 25;

function cpuWorthTiming(timed: readonly BackendTiming[]): string | undefined {
  // The quickest wasm step, not the mean: on a loaded machine other processes stretch some
  // steps several times over, which says nothing about the graph.
  const stepMs = timed.find((t) => t.name === 'wasm')?.quickestStepMs;
  if (stepMs === undefined) return undefined;
  return stepMs > CPU_AFTER_WASM_STEP_MS
    ? `a wasm step takes ${stepMs.toFixed(0)} ms: cpu would take far longer`
    : undefined;
}

/**
 * The backends Auto times, in order: wasm, cpu, then the GPU backends, so that time the others
 * leave goes to shader compilation. A software rasteriser (SwiftShader, lavapipe, WARP) is
 * listed but not timed, for WebGPU and WebGL alike: compiling its shaders alone takes seconds
 * (measured in headless Chromium on SwiftShader: a first step of 1.2 s on WebGL and 1.4 s on
 * WebGPU for two spirals, 7.5 s and 31 s for the GLA example), and it then trains 10-100x
 * slower than wasm. cpu is timed only on graphs where wasm is quick ({@link CPU_AFTER_WASM_STEP_MS}).
 */
export function calibrationCandidates(
  env: CalibrationEnv,
  only?: readonly BackendName[],
): CalibrationCandidate[] {
  const out: CalibrationCandidate[] = [{ name: 'wasm' }, { name: 'cpu', skipIf: cpuWorthTiming }];
  if (env.isBrowser) {
    const gl = env.webgl?.software;
    out.push(gl === undefined ? { name: 'webgl' } : { name: 'webgl', skip: `software, ${gl}` });
    const gpu = env.webgpu;
    if (gpu)
      out.push(
        gpu.software === undefined
          ? { name: 'webgpu' }
          : { name: 'webgpu', skip: `software, ${gpu.software}` },
      );
  }
  return only ? out.filter((c) => only.includes(c.name)) : out;
}

/** A key for "this device" under which a calibrated choice is remembered: the browser and the WebGPU adapter. */
export function deviceKey(
  userAgent: string,
  adapter:
    | {
        readonly vendor: string;
        readonly architecture: string;
        readonly device: string;
        readonly description: string;
      }
    | undefined,
): string {
  const gpu = adapter
    ? [adapter.vendor, adapter.architecture, adapter.device, adapter.description]
        .filter((p) => p !== '')
        .join(' ') || 'unnamed adapter'
    : 'no WebGPU adapter';
  return `${userAgent} | ${gpu}`;
}
