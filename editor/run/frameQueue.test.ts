import { describe, expect, it } from 'vitest';
import { createFrameQueue, type FrameClock } from './frameQueue.ts';

/** Frames run by hand; `time` is what `now()` reads (jobs may advance it). */
function fakeClock(): FrameClock & { frame(): void; pending(): number; time: number } {
  let next = 1;
  const callbacks = new Map<number, () => void>();
  const clock = {
    time: 0,
    request(cb: () => void) {
      callbacks.set(next, cb);
      return next++;
    },
    cancel(h: number) {
      callbacks.delete(h);
    },
    now: () => clock.time,
    frame() {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const cb of due) cb();
    },
    pending: () => callbacks.size,
  };
  return clock;
}

describe('frame queue', () => {
  it('runs cheap jobs together in one frame, oldest first', () => {
    const clock = fakeClock();
    const q = createFrameQueue(clock, 4);
    const ran: string[] = [];
    q.schedule({}, () => ran.push('a'));
    q.schedule({}, () => ran.push('b'));
    expect(clock.pending()).toBe(1);
    clock.frame();
    expect(ran).toEqual(['a', 'b']);
    expect(clock.pending()).toBe(0);
  });

  it('leaves jobs past the frame budget to the next frame, but always runs one', () => {
    const clock = fakeClock();
    const q = createFrameQueue(clock, 4);
    const ran: string[] = [];
    const slow = (name: string, ms: number) => (): void => {
      ran.push(name);
      clock.time += ms;
    };
    q.schedule({}, slow('a', 10));
    q.schedule({}, slow('b', 1));
    q.schedule({}, slow('c', 1));
    clock.frame();
    expect(ran).toEqual(['a']);
    clock.frame();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(clock.pending()).toBe(0);
  });

  it('keeps one pending job per owner, in its place, with the newest closure', () => {
    const clock = fakeClock();
    const q = createFrameQueue(clock, 0);
    const ran: string[] = [];
    const a = {};
    const b = {};
    q.schedule(a, () => ran.push('a1'));
    q.schedule(b, () => ran.push('b'));
    q.schedule(a, () => ran.push('a2'));
    expect(q.size).toBe(2);
    clock.frame();
    clock.frame();
    expect(ran).toEqual(['a2', 'b']);
  });

  it('cancels a pending job and stops asking for frames when empty', () => {
    const clock = fakeClock();
    const q = createFrameQueue(clock);
    const ran: string[] = [];
    const a = {};
    q.schedule(a, () => ran.push('a'));
    q.cancel(a);
    expect(clock.pending()).toBe(0);
    clock.frame();
    expect(ran).toEqual([]);
  });

  it('a job queued during a frame runs in the next one', () => {
    const clock = fakeClock();
    const q = createFrameQueue(clock);
    const ran: number[] = [];
    const a = {};
    const job = (n: number) => (): void => {
      ran.push(n);
      if (n < 3) q.schedule(a, job(n + 1));
    };
    q.schedule(a, job(1));
    clock.frame();
    expect(ran).toEqual([1]);
    clock.frame();
    clock.frame();
    expect(ran).toEqual([1, 2, 3]);
    expect(clock.pending()).toBe(0);
  });
});
