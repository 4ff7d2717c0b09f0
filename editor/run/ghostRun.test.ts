import { describe, expect, it } from 'vitest';
import { ghostRun } from './ghostRun.ts';
import { createLiveRun } from './liveRun.ts';
import { createRunSession } from './runSession.ts';

const liveRun = (id: string, step: number) => {
  const run = createLiveRun({ id, graphHash: 'h', title: 't', backend: 'cpu', backendReason: '' });
  run.step = step;
  return run;
};

describe('ghostRun', () => {
  it('keeps the run before the current one, skipping runs that trained no step', () => {
    const session = createRunSession();
    const a = liveRun('a', 40);
    const b = liveRun('b', 0);
    const c = liveRun('c', 3);
    expect(ghostRun(session, a)).toBeUndefined();
    expect(ghostRun(session, a)).toBeUndefined();
    expect(ghostRun(session, b)).toBe(a);
    // b never trained: the ghost stays a.
    expect(ghostRun(session, c)).toBe(a);
    expect(ghostRun(session, liveRun('d', 0))).toBe(c);
    // Each session keeps its own.
    expect(ghostRun(createRunSession(), c)).toBeUndefined();
  });
});
