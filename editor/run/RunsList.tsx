/**
 * Stored runs: status, backend, seed, final metrics and throughput; select several to overlay
 * their loss curves; save a run's trained weights to a file; delete a run.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { alignCurves, curvePoints } from './curves.ts';
import { LiveChart } from './LiveChart.tsx';
import { LiveRunCells } from './LiveRunCells.tsx';
import { seriesColour } from './RunCharts.tsx';
import type { RunSession } from './runSession.ts';
import type { RunRecord } from './runsStore.ts';

/** Props of {@link RunsList}. */
export interface RunsListProps {
  readonly runs: readonly RunRecord[];
  /**
   * Graph hash of the graph in the editor: only its runs are listed until "all runs" is
   * chosen (runs of other graphs are then marked). Undefined lists all.
   */
  readonly currentGraphHash?: string;
  /** The session whose current run's row shows live numbers. */
  readonly session?: RunSession;
  readonly onExport: (run: RunRecord) => void;
  readonly onDelete: (run: RunRecord) => void;
}

function fmt(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '–' : v.toPrecision(3);
}

/** The runs table and the comparison chart. */
export const RunsList = memo(function RunsList({ runs: allRuns, currentGraphHash, session, onExport, onDelete }: RunsListProps) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const mine = useMemo(() => (currentGraphHash === undefined ? allRuns : allRuns.filter((r) => r.graphHash === currentGraphHash)), [allRuns, currentGraphHash]);
  const runs = showAll ? allRuns : mine;
  const others = allRuns.length - mine.length;
  const scope =
    others > 0 || showAll ? (
      <button type="button" className="nw-runs-scope" data-testid="runs-show-all" aria-pressed={showAll} onClick={() => { setShowAll(!showAll); }}>
        {showAll ? `Only this graph's runs (${String(mine.length)})` : `All runs (${String(allRuns.length)}: ${String(others)} of other graphs)`}
      </button>
    ) : null;
  const compared = useMemo(() => runs.filter((r) => selected.has(r.id) && r.curves.loss), [runs, selected]);
  const key = compared.map((r) => r.id).join(',');
  const data = useCallback((): uPlot.AlignedData => alignCurves(compared.map((r) => curvePoints(r.curves.loss!))), [compared]);
  const toggle = (id: string): void => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  if (runs.length === 0) return <div className="nw-run-empty">{showAll || others === 0 ? 'No runs yet.' : 'No runs of this graph yet.'} {scope}</div>;
  return (
    <div className="nw-runs">
      {scope}
      <table className="nw-runs-table" data-testid="runs-table">
        <thead>
          <tr>
            <th title="Compare">⇄</th>
            <th>Run</th>
            <th>Status</th>
            <th>Backend</th>
            <th>Seed</th>
            <th>Steps</th>
            <th>Loss</th>
            <th>Steps/s</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-testid="runs-row" data-run={r.id} data-status={r.status} className={r.graphHash === currentGraphHash ? '' : 'nw-run-other-graph'}>
              <td>
                <input type="checkbox" aria-label={`compare ${r.id}`} data-testid="runs-compare" checked={selected.has(r.id)} onChange={() => {
                    toggle(r.id);
                  }} />
              </td>
              <td title={`${r.title} · graph ${r.graphHash}`}>{new Date(r.createdAt).toLocaleTimeString()}</td>
              <td title={r.fault?.message}>{r.status}</td>
              <td title={r.backendReason}>{r.backend}</td>
              <td>{r.seed}</td>
              {session && r.status === 'running' ? (
                <LiveRunCells session={session} record={r} fmt={fmt} />
              ) : (
                <>
                  <td data-testid="runs-steps">
                    {r.steps}/{r.totalSteps}
                  </td>
                  <td data-testid="runs-loss">{fmt(r.finalMetrics.loss)}</td>
                  <td>{r.stepsPerSecond.toFixed(1)}</td>
                </>
              )}
              <td>
                <button type="button" data-testid="runs-export" disabled={!r.hasWeights} onClick={() => {
                    onExport(r);
                  }} title="Save the trained weights to a file">
                  ⤓
                </button>
                <button type="button" data-testid="runs-delete" onClick={() => {
                    onDelete(r);
                  }} title="Delete this run">
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {compared.length > 0 && (
        <LiveChart
          key={key}
          title="Compare: train loss"
          series={compared.map((r, i) => ({ label: `${new Date(r.createdAt).toLocaleTimeString()} ${r.backend} seed ${r.seed}`, stroke: seriesColour(i) }))}
          data={data}
          logY
          testId="runs-compare-chart"
        />
      )}
    </div>
  );
});
