/**
 * Live run state on a node: the latest values the node reported in the current run (dead
 * rate, sparsity, quantisation error, …) and, when the node made the run fail, a red badge
 * with the reason. Subscribes to this node's run state only.
 */
import { useNodeRunDiagnostics, type DiagnosticValue } from '../run/index.ts';
import type { NodeOverlayProps } from './nodeOverlay.ts';

function formatValue(v: DiagnosticValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(3);
  return `[${v.length}]`;
}

/** Props of {@link NodeRunBadge}. */
export type NodeRunBadgeProps = NodeOverlayProps;

/** The run badge and values of one node; nothing when the node has no run state. */
export function NodeRunBadge({ nodeId, compact = false }: NodeRunBadgeProps) {
  const run = useNodeRunDiagnostics(nodeId);
  if (!run) return null;
  if (compact) {
    return run.fault ? (
      <span className="nw-badge nw-badge-error" title={run.fault.message} data-testid="node-run-fault">
        ✖
      </span>
    ) : null;
  }
  const entries = Object.entries(run.values).slice(0, 3);
  return (
    <div className="nw-node-run" data-testid={`node-run-${nodeId}`}>
      {run.fault ? (
        <span className="nw-badge nw-badge-error" title={run.fault.message} data-testid="node-run-fault">
          ✖ run failed here
        </span>
      ) : null}
      {entries.map(([name, value]) => (
        <span key={name} className="nw-node-run-value" title={`${name} at step ${run.step}`}>
          {name} {formatValue(value)}
        </span>
      ))}
    </div>
  );
}
