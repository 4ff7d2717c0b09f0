import { describe, expect, it } from 'vitest';
import { createFrameQueue, type FrameClock } from './frameQueue.ts';

function fakeClock(): FrameClock & { frame(): void; pending(): number } {
  let next = 1;
  const callbacks = new Map<number, () => void>();
  return {
    request(cb) {
      callbacks.set(next, cb);
      return next++;
    },
    cancel(h) {
      callbacks.delete(h);
    },
    frame() {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const cb of due) cb();
    },
    pending: () => callbacks.size,
  };
}

describe('frame queue', () => {
  it('runs one job per frame, oldest first', () => {
    const clock = fakeClock();
    const q = createFrameQueue(clock);
    const ran: string[] = [];
    const a = {};
    const b = {};
    q.schedule(a, () => ran.push('a'));
    q.schedule(b, () => ran.push('b'));
    expect(clock.pending()).toBe(1);
    clock.frame();
    expect(ran).toEqual(['a']);
    clock.frame();
    expect(ran).toEqual(['a', 'b']);
    clock.frame();
    expect(ran).toEqual(['a', 'b']);
    expect(clock.pending()).toBe(0);
  });

  it('keeps one pending job per owner, in its place, with the newest closure', () => {
    const clock = fakeClock();
    const q = createFrameQueue(clock);
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

  it('a job may queue work for the next frame', () => {
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
    clock.frame();
    clock.frame();
    expect(ran).toEqual([1, 2, 3]);
  });
});
