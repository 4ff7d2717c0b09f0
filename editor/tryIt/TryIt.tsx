/**
 * The "Try it" section of the run panel: once the engine holds trained (or imported) weights for
 * the compiled graph, it offers what fits the graph: text generation for a language model (a
 * text-corpus node), class probabilities of a drawn or dropped image for an image classifier.
 */
import { memo, useMemo } from 'react';
import type { RunPhase, RunSession } from '../run/runSession.ts';
import { findTryTask } from './tryTask.ts';
import { TryImage } from './TryImage.tsx';
import { TryText } from './TryText.tsx';
import './tryIt.css';

/** Props of {@link TryIt}. */
export interface TryItProps {
  readonly session: RunSession;
  /** Graph hash of the weights in the engine (none: nothing to try). */
  readonly loadedGraphHash: string | undefined;
  readonly phase: RunPhase;
}

const IDLE: readonly RunPhase[] = ['idle', 'done', 'stopped', 'failed'];

/** "Try it" for the loaded model, or nothing when the graph fits none of its forms. */
export const TryIt = memo(function TryIt({ session, loadedGraphHash, phase }: TryItProps) {
  const plan = session.plan();
  const task = useMemo(() => (plan && loadedGraphHash === plan.graphHash ? findTryTask(plan) : undefined), [plan, loadedGraphHash]);
  if (!task) return null;
  const enabled = IDLE.includes(phase);
  return (
    <section className="nw-try-it" aria-label="Try it" data-testid="try-it">
      <h3 className="nw-run-heading">Try it</h3>
      {task.kind === 'text' ? <TryText session={session} enabled={enabled} /> : <TryImage session={session} enabled={enabled} task={task} />}
    </section>
  );
});
