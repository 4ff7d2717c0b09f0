/**
 * Spreads drawing over animation frames. Each frame runs queued jobs, oldest first, until the
 * frame's budget ({@link FRAME_BUDGET_MS}) is spent, and leaves the rest to the next frame; the
 * first job always runs. Measured in headless Chromium on the editor page: a frame that paints
 * anything costs ~5 ms of style, layout, paint and commit before any script, and a warm uPlot
 * redraw ~1–2 ms. So the panel's charts draw in the frame the progress text repaints anyway
 * (one frame instead of three), and only a slow job (a chart built cold, a busy machine) pushes
 * the next one to a frame of its own. Queuing a job that is already waiting keeps its place
 * (the newer closure replaces the older one), so a chart never draws twice for one change.
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

/**
 * Least time between two redraws of one live chart (LiveChart.tsx). With progress every 200 ms
 * a chart redraws with every other batch (2–3 times a second), which still reads as smooth.
 */
export const CHART_MIN_INTERVAL_MS = 350;

/** Script time a frame may spend on queued jobs before the rest wait for the next frame. */
export const FRAME_BUDGET_MS = 4;

/** Frame callbacks and the time (injectable for tests). */
export interface FrameClock {
  request(cb: () => void): number;
  cancel(handle: number): void;
  now(): number;
}

const browserClock: FrameClock = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (h) => {
    cancelAnimationFrame(h);
  },
  now: () => performance.now(),
};

/** Creates a queue that runs jobs in the frames of `clock`, within `budgetMs` a frame. */
export function createFrameQueue(clock: FrameClock = browserClock, budgetMs: number = FRAME_BUDGET_MS): FrameQueue {
  const jobs = new Map<object, () => void>();
  let handle: number | undefined;
  const tick = (): void => {
    handle = undefined;
    const start = clock.now();
    // Jobs queued while this frame runs wait for the next frame.
    const due = [...jobs];
    for (const [i, [owner, job]] of due.entries()) {
      if (i > 0 && clock.now() - start >= budgetMs) break;
      if (jobs.get(owner) !== job) continue; // cancelled or replaced meanwhile
      jobs.delete(owner);
      try {
        job();
      } catch (e) {
        // One failing job must not stall the others: report it outside the frame.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
    if (jobs.size > 0) handle ??= clock.request(tick);
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
