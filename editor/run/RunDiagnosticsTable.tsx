/** The latest per-node diagnostics of the run, as a compact table (the canvas shows them too). */
import type { NodeDiagnostics } from '../../workers/engineApi.ts';
import type { RunSession, RunSessionState } from './runSession.ts';
import { useRunSessionSelector } from './useRunSession.ts';

function show(v: number | readonly number[]): string {
  if (typeof v === 'number') return Number.isFinite(v) ? v.toPrecision(3) : String(v);
  return v.length <= 4 ? `[${v.map((x) => x.toPrecision(3)).join(', ')}]` : `[${v.length} values: ${v[0]!.toPrecision(3)} … ${v[v.length - 1]!.toPrecision(3)}]`;
}

/** Props of {@link RunDiagnosticsTable}. */
export interface RunDiagnosticsTableProps {
  readonly session: RunSession;
}

const EMPTY: NodeDiagnostics = {};
const selectDiagnostics = (s: RunSessionState): NodeDiagnostics => s.run?.lastDiagnostics ?? EMPTY;

/** One row per node and value; re-renders when a batch brings diagnostics, not on every batch. */
export function RunDiagnosticsTable({ session }: RunDiagnosticsTableProps) {
  const diagnostics = useRunSessionSelector(session, selectDiagnostics);
  const rows = Object.entries(diagnostics).flatMap(([node, values]) => Object.entries(values).map(([name, v]) => ({ node, name, v })));
  if (rows.length === 0) return null;
  return (
    <table className="nw-run-diagnostics" data-testid="run-diagnostics">
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.node}/${r.name}`}>
            <td>{r.node}</td>
            <td>{r.name}</td>
            <td>{show(r.v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
