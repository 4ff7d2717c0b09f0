/**
 * The live cells of the runs table's row for the run that is training now: steps, loss and
 * steps/s follow the run's progress (the stored record is written only at the start and the
 * end of a run, so on its own it would read "0/0 – 0.0" until the run ends).
 */
import { useCallback } from 'react';
import type { RunSession, RunSessionState } from './runSession.ts';
import type { RunRecord } from './runsStore.ts';
import { useRunSessionSelector } from './useRunSession.ts';

/** Props of {@link LiveRunCells}. */
export interface LiveRunCellsProps {
  readonly session: RunSession;
  readonly record: RunRecord;
  /** Formats a number the way the rest of the table does. */
  readonly fmt: (v: number | undefined) => string;
}

/** Steps, loss and steps/s of `record`: live while it is the session's current run. */
export function LiveRunCells({ session, record, fmt }: LiveRunCellsProps) {
  // A string, so the row re-renders only when one of its numbers changes.
  const select = useCallback(
    (s: RunSessionState): string | undefined => {
      const run = s.run;
      if (run?.id !== record.id || run.finished) return undefined;
      return [run.step, run.totalSteps, run.lastLoss ?? Number.NaN, run.stepsPerSecond].join('|');
    },
    [record.id],
  );
  const live = useRunSessionSelector(session, select);
  const [step, total, loss, speed] = live === undefined ? [record.steps, record.totalSteps, record.finalMetrics.loss ?? Number.NaN, record.stepsPerSecond] : live.split('|').map(Number);
  return (
    <>
      <td data-testid="runs-steps">
        {step}/{total}
      </td>
      <td data-testid="runs-loss">{fmt(loss)}</td>
      <td>{(speed ?? 0).toFixed(1)}</td>
    </>
  );
}
