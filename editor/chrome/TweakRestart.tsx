/**
 * "Tweak and watch": while a run trains, an edit that changes what it computes (a param in the
 * inspector, a link, a node) offers to restart the run with the edit in one click. The previous
 * run's curves stay in the charts as a faded ghost (editor/run/ghostRun.ts).
 */
import { useMemo } from 'react';
import { graphHash } from '../../runtime/compile/compile.ts';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import type { RunSession, RunSessionState } from '../run/index.ts';
import { useRunSessionSelector } from '../run/useRunSession.ts';

const selectPhase = (s: RunSessionState) => s.phase;
const selectRunHash = (s: RunSessionState) => s.run?.graphHash;

/** Props of {@link TweakRestart}. */
export interface TweakRestartProps {
  readonly session: RunSession;
}

/** "Restart with this change", shown while a run of an older version of the graph trains. */
export function TweakRestart({ session }: TweakRestartProps) {
  const { store, ui } = useServices();
  const doc = useEditorState((s) => s.doc);
  const inference = useEditorState((s) => s.inference);
  const phase = useRunSessionSelector(session, selectPhase);
  const runHash = useRunSessionSelector(session, selectRunHash);
  const active = phase === 'running' || phase === 'paused';
  // Hashed only while a run trains: moves and relabels do not change it, params and links do.
  const hash = useMemo(() => (active ? graphHash(doc, store.registry, inference) : undefined), [active, doc, inference, store]);
  if (!active || runHash === undefined || hash === undefined || hash === runHash) return null;
  const restart = (): void => {
    void session.stop();
    // Run waits until the stop is done, then trains the graph as it is now.
    ui.update({ runRequest: ui.getState().runRequest + 1 });
  };
  return (
    <button type="button" className="nw-run-restart" data-testid="run-restart-graph" title="Stop this run and train the graph as it is now; its curves stay as a ghost" onClick={restart}>
      ↻ Restart with this change
    </button>
  );
}
