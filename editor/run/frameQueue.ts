/**
 * Spreads drawing over animation frames: each frame runs the oldest queued job only, so the
 * run panel's charts (loss, metrics, comparison) never redraw in the same task. A redraw costs
 * a few milliseconds of canvas work; on a busy machine several in one task add up to a long
 * task, one per frame does not. Queuing a job that is already waiting keeps its place (the
 * newer closure replaces the older one), so a chart never draws twice for one frame's worth of
 * changes.
 */

/** A queue of draw jobs keyed by their owner (one pending job per owner). */
export interface FrameQueue {
  /** Queues `job` for `owner` (replacing its pending job, keeping its place). */
  schedule(owner: object, job: () => void): void;
  /** Drops `owner`'s pending job. */
  cancel(owner: object): void;
  /** Jobs waiting. */
  readonly size: number;
}

/** Frame callbacks (injectable for tests). */
export interface FrameClock {
  request(cb: () => void): number;
  cancel(handle: number): void;
}

const browserClock: FrameClock = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (h) => {
    cancelAnimationFrame(h);
  },
};

/** Creates a queue that runs one job per frame of `clock`. */
export function createFrameQueue(clock: FrameClock = browserClock): FrameQueue {
  const jobs = new Map<object, () => void>();
  let handle: number | undefined;
  const tick = (): void => {
    handle = undefined;
    const first = jobs.entries().next();
    if (first.done === true) return;
    const [owner, job] = first.value;
    jobs.delete(owner);
    if (jobs.size > 0) handle = clock.request(tick);
    job();
  };
  return {
    schedule(owner, job) {
      jobs.set(owner, job);
      handle ??= clock.request(tick);
    },
    cancel(owner) {
      jobs.delete(owner);
      if (jobs.size === 0 && handle !== undefined) {
        clock.cancel(handle);
        handle = undefined;
      }
    },
    get size() {
      return jobs.size;
    },
  };
}

/** The queue the run panel's charts share. */
export const chartFrames: FrameQueue = createFrameQueue();
