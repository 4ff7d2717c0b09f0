/** Subscribes a component to a {@link RunSession}'s state snapshots. */
import { useSyncExternalStore } from 'react';
import type { RunSession, RunSessionState } from './runSession.ts';

/** The session's current state; re-renders on every change. */
export function useRunSessionState(session: RunSession): RunSessionState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}
