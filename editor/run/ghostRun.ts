/**
 * The previous run of a session, kept so the charts can draw its curves faded behind the
 * current run's ("Tweak and watch": change something, restart, compare).
 */
import { useMemo } from 'react';
import type { LiveRun } from './liveRun.ts';
import type { RunSession } from './runSession.ts';

interface Seen {
  current: LiveRun;
  previous: LiveRun | undefined;
}

const seen = new WeakMap<RunSession, Seen>();

/**
 * The run before `run` in `session` that trained at least one step, or undefined. Call with the
 * session's current run each render; a new run moves the one before it into the ghost's place.
 */
export function ghostRun(session: RunSession, run: LiveRun): LiveRun | undefined {
  const entry = seen.get(session);
  if (!entry) {
    seen.set(session, { current: run, previous: undefined });
    return undefined;
  }
  if (entry.current !== run) {
    if (entry.current.step > 0) entry.previous = entry.current;
    entry.current = run;
  }
  return entry.previous;
}

/** {@link ghostRun} for a component: the previous run while `run` is the session's current one. */
export function useGhostRun(session: RunSession, run: LiveRun): LiveRun | undefined {
  return useMemo(() => ghostRun(session, run), [session, run]);
}
