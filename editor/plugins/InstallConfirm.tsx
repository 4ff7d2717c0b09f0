/** The explicit confirmation before a plugin module's code runs: what it is and what running it means. */
import type { ModuleCandidate } from './moduleCandidate.ts';

/** Props of {@link InstallConfirm}. */
export interface InstallConfirmProps {
  readonly candidate: ModuleCandidate;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** Names the module (URL or file), its size and SHA-256, and asks before running it. */
export function InstallConfirm({ candidate, busy, onConfirm, onCancel }: InstallConfirmProps) {
  const kb = (candidate.bytes / 1024).toFixed(1);
  return (
    <section className="nw-confirm" role="alertdialog" aria-label="Confirm plugin install" data-testid="plugin-confirm">
      <p>
        Install and run the plugin module <b data-testid="plugin-confirm-source">{candidate.source}</b>?
      </p>
      <ul>
        <li>
          {candidate.kind === 'url' ? 'Loaded from this URL on every start' : 'A copy of this file is kept in this browser'} · {kb} KB
        </li>
        <li>
          SHA-256 <code data-testid="plugin-confirm-sha">{candidate.sha256}</code>
        </li>
        <li>Its code will run in this page (to add its nodes) and in the training worker (to run them), with access to your graphs. Only install code you trust.</li>
      </ul>
      <button type="button" onClick={onConfirm} disabled={busy} data-testid="plugin-confirm-run">
        Install and run it
      </button>{' '}
      <button type="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </section>
  );
}
