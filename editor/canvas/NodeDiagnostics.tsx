/** The badge on a node that counts its problems; hovering shows every message. */
import type { Diagnostic } from '../../runtime/sdk/index.ts';

/** Props of {@link NodeDiagnostics}. */
export interface NodeDiagnosticsProps {
  readonly diagnostics: readonly Diagnostic[];
}

/** Error/warning badge, rendered as text only. */
export function NodeDiagnostics({ diagnostics }: NodeDiagnosticsProps) {
  if (diagnostics.length === 0) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const text = diagnostics.map((d) => `${d.severity === 'error' ? '✖' : '⚠'} ${d.message}`).join('\n');
  return (
    <span className={`nw-badge ${errors > 0 ? 'nw-badge-error' : 'nw-badge-warning'}`} title={text} data-testid="node-diagnostics">
      {errors > 0 ? '✖' : '⚠'} {diagnostics.length}
    </span>
  );
}
