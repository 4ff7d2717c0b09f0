/**
 * How the profiler times a region of tensor work. On cpu and wasm a kernel runs when it is
 * called, so the wall time around the calls is the kernels' time (plus tfjs's own bookkeeping,
 * which a step pays too). On webgl and webgpu a call only queues work: a region ends at an
 * awaited readback of one element of each of its results (the device runs its queue in order,
 * so that waits for every kernel before it), less the latency of such a readback when nothing
 * is queued (measured when the clock starts: the median of a few).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from './tf.ts';
import type { ProfileClock } from './profileTypes.ts';

/** Times regions of tensor work on the active backend. */
export interface RegionClock {
  readonly kind: ProfileClock;
  /** True when kernels run as they are called (cpu, wasm): stamps inside a region are exact. */
  readonly synchronous: boolean;
  /**
   * Runs `f` (tensor work that queues or runs kernels) and returns its result with the time
   * its kernels took (ms). `done(result)` names the tensors whose completion ends the region on
   * an asynchronous backend (default: none, then `settle`'s probe).
   */
  time<T>(
    f: () => T,
    done?: (result: T) => readonly tfc.Tensor[],
  ): Promise<{ readonly result: T; readonly ms: number }>;
  /** The time of asynchronous work `f` (which may await readbacks of its own), to a settled device. */
  timeAsync(f: () => Promise<void>): Promise<number>;
  /** Waits until the device has run everything queued so far (no-op on cpu and wasm). */
  settle(): Promise<void>;
}

/** Milliseconds from a monotonic clock (`performance` is global in browsers, workers and Node). */
export function clockMs(): number {
  return (globalThis as unknown as { readonly performance: { now(): number } }).performance.now();
}

/** Backends whose kernels run when they are called. */
const SYNCHRONOUS: ReadonlySet<string> = new Set(['cpu', 'wasm']);

/** Readbacks timed to measure their latency. */
const LATENCY_SAMPLES = 5;

/** Waits for `tensors` (one element each, one readback) to be computed. */
async function awaitTensors(tensors: readonly tfc.Tensor[]): Promise<void> {
  const live = tensors.filter((t) => !t.isDisposed && t.size > 0);
  if (live.length === 0) return;
  const probe = tf.tidy(() =>
    tf.concat(live.map((t) => tf.cast(tf.reshape(t, [-1]).slice(0, 1), 'float32'))),
  );
  try {
    await probe.data();
  } finally {
    probe.dispose();
  }
}

/** The median time of a readback with nothing queued before it (ms). */
async function readbackLatency(): Promise<number> {
  const t = tf.zeros([1]);
  try {
    await awaitTensors([t]);
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const t0 = clockMs();
      await awaitTensors([t]);
      samples.push(clockMs() - t0);
    }
    samples.sort((a, b) => a - b);
    return samples[samples.length >> 1]!;
  } finally {
    t.dispose();
  }
}

/**
 * The clock of the active backend. `probe` gives a tensor that the last queued work wrote (a
 * weight after an update), for regions that return no tensor.
 */
export async function regionClock(probe: () => tfc.Tensor | undefined): Promise<RegionClock> {
  const synchronous = SYNCHRONOUS.has(tf.getBackend());
  const settle = async (): Promise<void> => {
    if (synchronous) return;
    const p = probe();
    await awaitTensors(p ? [p] : []);
  };
  if (!synchronous) await settle();
  const latency = synchronous ? 0 : await readbackLatency();
  const since = (t0: number): number => Math.max(0, clockMs() - t0 - latency);
  return {
    kind: synchronous ? 'wall' : 'wall-to-readback',
    synchronous,
    async time(f, done) {
      const t0 = clockMs();
      const result = f();
      if (!synchronous) {
        const tensors = done ? done(result) : [];
        if (tensors.length > 0) await awaitTensors(tensors);
        else await settle();
      }
      return { result, ms: since(t0) };
    },
    async timeAsync(f) {
      const t0 = clockMs();
      await f();
      await settle();
      return since(t0);
    },
    settle,
  };
}
