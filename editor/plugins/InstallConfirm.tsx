/**
 * The explicit confirmation before a plugin module's code runs: what it is and what running it
 * means. A module the dev server bundled can instead be developed live (develop mode).
 */
import { useState } from 'react';
import type { ModuleCandidate } from './moduleCandidate.ts';

/** Props of {@link InstallConfirm}. */
export interface InstallConfirmProps {
  readonly candidate: ModuleCandidate;
  readonly busy: boolean;
  /** `developing`: the user chose develop mode (offered only for dev-server modules). */
  readonly onConfirm: (developing: boolean) => void;
  readonly onCancel: () => void;
}

/** Names the module (URL or file), its size and SHA-256, and asks before running it. */
export function InstallConfirm({ candidate, busy, onConfirm, onCancel }: InstallConfirmProps) {
  const [developing, setDeveloping] = useState(false);
  const kb = (candidate.bytes / 1024).toFixed(1);
  const kept = candidate.bundled === true ? 'The dev server bundled it with everything it imports; a copy of that bundle is kept in this browser and is what runs' : 'A copy of this code is kept in this browser and is what runs; it is never fetched again';
  return (
    <section className="nw-confirm" role="alertdialog" aria-label="Confirm plugin install" data-testid="plugin-confirm">
      <p>
        Install and run the plugin module <b data-testid="plugin-confirm-source">{candidate.source}</b>?
      </p>
      <ul>
        <li>
          {kept} · {kb} KB
        </li>
        <li>
          SHA-256 <code data-testid="plugin-confirm-sha">{candidate.sha256}</code>
        </li>
        <li>Its code will run in this page (to add its nodes) and in the training worker (to run them), with access to your graphs. Only install code you trust.</li>
      </ul>
      {candidate.bundled === true ? (
        <p>
          <label>
            <input type="checkbox" checked={developing} onChange={(e) => { setDeveloping(e.target.checked); }} data-testid="plugin-confirm-develop" /> Develop it live: rebuild it from
            the dev server on every save, without confirming each change (only for your own plugin; leaving develop mode asks again)
          </label>
        </p>
      ) : null}
      <button type="button" onClick={() => { onConfirm(developing); }} disabled={busy} data-testid="plugin-confirm-run">
        {developing ? 'Develop it live' : 'Install and run it'}
      </button>{' '}
      <button type="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </section>
  );
}
