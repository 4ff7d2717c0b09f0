/**
 * Measures a window of training steps of a loaded {@link Engine} through its own train loop
 * (the trainer the CLI runs, nothing copied): `warmup` steps, then `steps` measured ones,
 * delimited by the trainer's step events. Timing and counting kernels are separate passes,
 * because `tf.profile` times each kernel and so slows the step it measures.
 */
import type { Engine } from '../runtime/exec/engine.ts';
import { guardBackend } from '../runtime/exec/backendGuard.ts';
import { tf } from '../runtime/exec/tf.ts';
import { countReadbacks } from './readbackCounter.ts';

/** Which steps of a run are measured: those after the first `warmup` (at least 1). */
export interface StepWindow {
  readonly warmup: number;
  readonly steps: number;
}

/** What the un-profiled pass measured; counts are per step. */
export interface TimedPass {
  /** Median wall time of a measured step, step event to step event. */
  readonly msPerStep: number;
  /** Tensor reads the code asked for (see readbackCounter.ts). */
  readonly readbacks: number;
  /** Reads of backend data as runtime/exec/backendGuard.ts counts them. */
  readonly backendReads: number;
}

/** One kernel name's share of the profiled window, per step (means over the window). */
export interface KernelStat {
  readonly name: string;
  readonly count: number;
  readonly ms: number;
}

/** What the profiled pass measured; counts and times are per step. */
export interface ProfiledPass {
  readonly kernels: number;
  /** Median over the steps of the kernels' own times (profiled, so a little slower than un-profiled). */
  readonly kernelMs: number;
  /** Most tensor bytes alive after any kernel of the window (weights and optimiser state included). */
  readonly peakBytes: number;
  /** By kernel name, most time first. */
  readonly byName: readonly KernelStat[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Times the window's steps and counts their readbacks, without profiling. */
export async function timedPass(engine: Engine, w: StepWindow): Promise<TimedPass> {
  const times: number[] = [];
  let last = 0;
  let readbacks = Number.NaN;
  let backendReads = Number.NaN;
  const reads = countReadbacks();
  const guard = guardBackend();
  try {
    await engine.train({ steps: w.warmup + w.steps, evalEvery: 0 }, (e) => {
      if (e.event !== 'step') return;
      const now = performance.now();
      if (e.step > w.warmup) times.push(now - last);
      last = now;
      if (e.step === w.warmup) {
        reads.reset();
        guard.reset();
      }
      if (e.step === w.warmup + w.steps) {
        readbacks = reads.count() / w.steps;
        backendReads = guard.syncReads() / w.steps;
      }
    });
  } finally {
    reads.dispose();
    guard.dispose();
  }
  return { msPerStep: median(times), readbacks, backendReads };
}

/** The part of tfjs's engine that holds the profile being recorded. */
interface ProfilingEngine {
  readonly state: {
    /** `tf.profile` leaves it set when its function throws. */
    profiling: boolean;
    readonly activeProfile: { readonly kernels: { readonly length: number } };
  };
}

/**
 * Runs the same steps under `tf.profile` and keeps the kernels of the window. Only registered
 * kernels count: a custom-gradient op's scope is recorded too, around the kernels it runs, and
 * would count their time twice.
 */
export async function profiledPass(engine: Engine, w: StepWindow): Promise<ProfiledPass> {
  const { state } = tf.engine() as unknown as ProfilingEngine;
  // Index of the first kernel of each measured step, then the end of the last one.
  const bounds: number[] = [];
  let info: Awaited<ReturnType<typeof tf.profile>>;
  try {
    info = await tf.profile(async () => {
      await engine.train({ steps: w.warmup + w.steps, evalEvery: 0 }, (e) => {
        if (e.event === 'step' && e.step >= w.warmup && e.step <= w.warmup + w.steps)
          bounds.push(state.activeProfile.kernels.length);
      });
    });
  } finally {
    state.profiling = false;
  }
  const backend = tf.getBackend();
  const byName = new Map<string, { count: number; ms: number }>();
  const stepMs: number[] = [];
  let peakBytes = 0;
  let kernels = 0;
  for (let s = 0; s + 1 < bounds.length; s++) {
    let ms = 0;
    for (const k of info.kernels.slice(bounds[s], bounds[s + 1])) {
      peakBytes = Math.max(peakBytes, k.totalBytesSnapshot);
      if (tf.getKernel(k.name, backend) === undefined) continue;
      const kernelMs = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const stat = byName.get(k.name) ?? { count: 0, ms: 0 };
      stat.count++;
      stat.ms += kernelMs;
      byName.set(k.name, stat);
      ms += kernelMs;
      kernels++;
    }
    stepMs.push(ms);
  }
  const perStep = [...byName].map(([name, s]) => ({ name, count: s.count / w.steps, ms: s.ms / w.steps }));
  return {
    kernels: kernels / w.steps,
    kernelMs: median(stepMs),
    peakBytes,
    byName: perStep.sort((a, b) => b.ms - a.ms),
  };
}
