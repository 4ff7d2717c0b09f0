/**
 * Groups the trainer's per-step progress events into batches for the page. One message per
 * step would flood the main thread on fast backends (thousands of steps a second); one per
 * ~100 ms keeps every event (the charts want them all) at a cost the page does not notice.
 * `start`, `eval` and `done` go out at once, since the page shows them immediately.
 */
import type { ProgressEvent } from '../runtime/exec/trainTypes.ts';

/** A batching progress callback. */
export interface ProgressBatcher {
  /** The trainer's progress callback. */
  push(event: ProgressEvent): void;
  /** Sends whatever is buffered now. */
  flush(): void;
}

/**
 * @param send - receives each non-empty batch, in order.
 * @param intervalMs - longest time a step event waits in the buffer (checked on each push).
 * @param now - clock (injected for tests).
 */
export function createProgressBatcher(send: (events: ProgressEvent[]) => void, intervalMs = 100, now: () => number = Date.now): ProgressBatcher {
  let buffer: ProgressEvent[] = [];
  let last = now();
  const flush = (): void => {
    last = now();
    if (buffer.length === 0) return;
    const out = buffer;
    buffer = [];
    send(out);
  };
  return {
    push(event) {
      buffer.push(event);
      if (event.event !== 'step' || now() - last >= intervalMs) flush();
    },
    flush,
  };
}
