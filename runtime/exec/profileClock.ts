/**
 * How the profiler times a region of tensor work. On cpu and wasm a kernel runs when it is
 * called, so the wall time around the calls is the kernels' time (plus tfjs's own bookkeeping,
 * which a step pays too). On webgl and webgpu a call only queues work: a region ends at an
 * awaited readback of one element of each of its results (the device runs its queue in order,
 * so that waits for every kernel before it), and its time includes that readback's latency.
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
  /** Waits until the device has run everything queued so far (no-op on cpu and wasm). */
  settle(): Promise<void>;
}

/** Milliseconds from a monotonic clock (`performance` is global in browsers, workers and Node). */
export function clockMs(): number {
  return (globalThis as unknown as { readonly performance: { now(): number } }).performance.now();
}

/** Backends whose kernels run when they are called. */
const SYNCHRONOUS: ReadonlySet<string> = new Set(['cpu', 'wasm']);

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

/**
 * The clock of the active backend. `probe` gives a tensor that the last queued work wrote (a
 * weight after an update), for regions that return no tensor.
 */
export function regionClock(probe: () => tfc.Tensor | undefined): RegionClock {
  const synchronous = SYNCHRONOUS.has(tf.getBackend());
  const settle = async (): Promise<void> => {
    if (synchronous) return;
    const p = probe();
    await awaitTensors(p ? [p] : []);
  };
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
      return { result, ms: clockMs() - t0 };
    },
    settle,
  };
}
