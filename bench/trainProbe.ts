/**
 * Measures a window of training steps of a loaded {@link Engine} through its own train loop
 * (the trainer the CLI runs, nothing copied): a run of `warmup` steps, then a run of `steps`
 * measured ones that continues from its weights, from its start event to the event of its last
 * step. Steps are read back once per interval (their events come in batches), so a window is
 * timed as a whole: the mean step. Timing and counting kernels are separate passes, because
 * `tf.profile` times each kernel and so slows the step it measures.
 */
import type { Engine } from '../runtime/exec/engine.ts';
import { guardBackend } from '../runtime/exec/backendGuard.ts';
import { tf } from '../runtime/exec/tf.ts';
import { countReadbacks } from '../test/support/readbackCounter.ts';

/** Which steps of a run are measured: those after the first `warmup` (at least 1). */
export interface StepWindow {
  readonly warmup: number;
  readonly steps: number;
}

/** What the un-profiled pass measured; counts are per step. */
export interface TimedPass {
  /** Mean wall time of a measured step: the window's run, start event to last step event, over its steps. */
  readonly msPerStep: number;
  /** Mean CPU time of this process per measured step (steadier than wall time on a loaded machine). */
  readonly cpuMsPerStep: number;
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
  /** Mean over the steps of the kernels' own times (profiled, so a little slower than un-profiled). */
  readonly kernelMs: number;
  /** Most tensor bytes alive after any kernel of the window (weights and optimiser state included). */
  readonly peakBytes: number;
  /** By kernel name, most time first. */
  readonly byName: readonly KernelStat[];
}

/** The warm-up run: fresh weights from the seed, `warmup` steps. */
async function warmUp(engine: Engine, w: StepWindow): Promise<void> {
  await engine.train({ steps: w.warmup, evalEvery: 0 });
}

/** Times the window's steps and counts their readbacks, without profiling. */
export async function timedPass(engine: Engine, w: StepWindow): Promise<TimedPass> {
  await warmUp(engine, w);
  let started = Number.NaN;
  let cpuStarted = process.cpuUsage();
  let msPerStep = Number.NaN;
  let cpuMsPerStep = Number.NaN;
  let readbacks = Number.NaN;
  let backendReads = Number.NaN;
  const reads = countReadbacks();
  const guard = guardBackend();
  try {
    await engine.train({ steps: w.steps, evalEvery: 0, continue: true }, (e) => {
      if (e.event === 'start') {
        reads.reset();
        guard.reset();
        started = performance.now();
        cpuStarted = process.cpuUsage();
      }
      if (e.event === 'step' && e.step === w.steps) {
        msPerStep = (performance.now() - started) / w.steps;
        const cpu = process.cpuUsage(cpuStarted);
        cpuMsPerStep = (cpu.user + cpu.system) / 1000 / w.steps;
        readbacks = reads.count() / w.steps;
        backendReads = guard.syncReads() / w.steps;
      }
    });
  } finally {
    reads.dispose();
    guard.dispose();
  }
  return { msPerStep, cpuMsPerStep, readbacks, backendReads };
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
  await warmUp(engine, w);
  // The window: from the start event to the last step's event (its readback included).
  const bounds: number[] = [];
  let info: Awaited<ReturnType<typeof tf.profile>>;
  try {
    info = await tf.profile(async () => {
      await engine.train({ steps: w.steps, evalEvery: 0, continue: true }, (e) => {
        if (e.event === 'start' || (e.event === 'step' && e.step === w.steps)) bounds.push(state.activeProfile.kernels.length);
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
    stepMs.push(ms / w.steps);
  }
  const perStep = [...byName].map(([name, s]) => ({ name, count: s.count / w.steps, ms: s.ms / w.steps }));
  return {
    kernels: kernels / w.steps,
    kernelMs: stepMs[0] ?? Number.NaN,
    peakBytes,
    byName: perStep.sort((a, b) => b.ms - a.ms),
  };
}
