/** Subscribes components to a {@link RunSession}'s state snapshots. */
import { useCallback, useSyncExternalStore } from 'react';
import type { RunSession, RunSessionState } from './runSession.ts';

/** The session's current state; re-renders on every change (every progress batch of a run). */
export function useRunSessionState(session: RunSession): RunSessionState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

/**
 * One value picked from the session's state; re-renders only when that value changes
 * (`Object.is`). `select` must return a primitive or a reference held by the state (never a
 * fresh object), and must not change meaning between renders (it is read once per render).
 * The panel uses it so that a progress batch re-renders only the parts that show live numbers.
 */
export function useRunSessionSelector<T>(session: RunSession, select: (state: RunSessionState) => T): T {
  const get = useCallback(() => select(session.getState()), [session, select]);
  return useSyncExternalStore(session.subscribe, get, get);
}
