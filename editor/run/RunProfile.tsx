/**
 * The run panel's Profile button and the one-line summary of the last profile: the step time
 * and the slowest nodes. The per-node numbers are drawn on the canvas (each node's heat strip,
 * editor/canvas/NodeHeatStrip.tsx). Enabled once a plan is loaded (a run, or weights loaded)
 * and nothing else runs.
 */
import { defaultProfiles, formatMs, formatShare, useProfile, type ProfileStore } from './nodeProfile.ts';
import type { RunPhase, RunSession, RunSessionState } from './runSession.ts';
import { useRunSessionSelector } from './useRunSession.ts';

const IDLE: readonly RunPhase[] = ['idle', 'done', 'stopped', 'failed'];
/** Slowest nodes named in the summary. */
const TOP = 3;

const selectReady = (s: RunSessionState): boolean =>
  s.loadedGraphHash !== undefined &&
  s.engine === 'ready' &&
  IDLE.includes(s.phase) &&
  !(s.calibrating ?? false);
const selectProfiling = (s: RunSessionState): boolean => s.profiling ?? false;

/** Props of {@link RunProfile}. */
export interface RunProfileProps {
  readonly session: RunSession;
  readonly profiles?: ProfileStore;
}

/** The Profile button and summary. */
export function RunProfile({ session, profiles = defaultProfiles }: RunProfileProps) {
  const ready = useRunSessionSelector(session, selectReady);
  const profiling = useRunSessionSelector(session, selectProfiling);
  const profile = useProfile(profiles);
  const top = profile ? profile.nodes.filter((n) => n.totalMs > 0).slice(0, TOP) : [];
  return (
    <div className="nw-run-profile" data-testid="run-profile">
      <button
        type="button"
        data-testid="run-profile-start"
        disabled={!ready || profiling}
        title={
          ready
            ? 'Time a few training steps per node (forward, backward) and show each node’s share as a strip on the canvas'
            : 'Run the graph (or load weights) first'
        }
        onClick={() => {
          void session.profile();
        }}
      >
        Profile
      </button>
      <span
        className="nw-run-profile-summary"
        data-testid="run-profile-summary"
        data-state={profiling ? 'profiling' : profile ? 'done' : 'none'}
      >
        {profiling
          ? 'Profiling a few training steps per node…'
          : profile
            ? `Step ${formatMs(profile.stepMs)} ms on ${profile.backend}: ${top.map((n) => `${n.node} ${formatShare(n.share)}`).join(' · ')} — the strip under each node is its share`
            : 'Which node is slow? Profile times each node of a training step.'}
      </span>
    </div>
  );
}
