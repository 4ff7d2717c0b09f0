/** The inspector's list of a node's problems, one message a line (errors and warnings told apart). */
import type { Diagnostic } from '../../runtime/sdk/index.ts';

/** Props of {@link DiagnosticList}. */
export interface DiagnosticListProps {
  readonly diagnostics: readonly Diagnostic[];
}

/** Each diagnostic's message as a list item; nothing when there are none. */
export function DiagnosticList({ diagnostics }: DiagnosticListProps) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="nw-diagnostics" data-testid="inspector-diagnostics">
      {diagnostics.map((d, i) => (
        <li key={i} className={d.severity === 'error' ? 'nw-error' : 'nw-warning'}>
          {d.message}
        </li>
      ))}
    </ul>
  );
}
