/**
 * Model summary: per node output shapes, params and FLOPs in execution order, with totals.
 * It follows the inference result, so it updates as the graph is edited.
 */
import { TableHead } from '../chrome/TableHead.tsx';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState, useUiState } from '../hooks/useStoreSelector.ts';
import { formatCount, formatPortValue } from '../model/format.ts';

/** The summary panel under the canvas. */
export function SummaryPanel() {
  const { store, ui } = useServices();
  const open = useUiState((s) => s.summaryOpen);
  const report = useEditorState((s) => s.report);
  const nodes = useEditorState((s) => s.doc.nodes);
  return (
    <section className={`nw-summary${open ? '' : ' nw-collapsed'}`} data-testid="summary">
      <header>
        <button type="button" onClick={() => { ui.update({ summaryOpen: !open }); }} aria-expanded={open}>
          {open ? '▾' : '▸'} Model summary
        </button>
        <span data-testid="summary-totals">
          {Object.keys(nodes).length} nodes · {formatCount(report.paramCount)} params · {formatCount(report.flops)} FLOPs
          {report.errorCount > 0 ? ` · ${report.errorCount} error(s)` : ''}
          {report.warningCount > 0 ? ` · ${report.warningCount} warning(s)` : ''}
        </span>
      </header>
      {open ? (
        <div className="nw-summary-scroll">
          <table>
            <TableHead columns={['Node', 'Type', 'Output', { label: 'Params', numeric: true }, { label: 'FLOPs', numeric: true }]} />
            <tbody>
              {report.order.slice(0, 500).map((id) => {
                const n = nodes[id];
                const r = report.nodes[id];
                if (!n || !r) return null;
                const outs = Object.entries(r.outputs).map(([p, v]) => `${p} ${formatPortValue(v)}`).join(', ');
                return (
                  <tr key={id} onClick={() => { store.select({ nodes: [id], edges: [] }); }} className={r.diagnostics.some((d) => d.severity === 'error') ? 'nw-error' : ''} data-testid={`summary-row-${id}`}>
                    <td>{n.label ?? id}</td>
                    <td className="nw-mono">{n.type}</td>
                    <td className="nw-mono">{outs || '—'}</td>
                    <td className="nw-num">{formatCount(r.paramCount)}</td>
                    <td className="nw-num">{r.flops !== undefined ? formatCount(r.flops) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={3}>Total{report.order.length > 500 ? ` (first 500 of ${report.order.length} rows shown)` : ''}</td>
                <td className="nw-num" data-testid="summary-params">{formatCount(report.paramCount)}</td>
                <td className="nw-num">{formatCount(report.flops)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </section>
  );
}
