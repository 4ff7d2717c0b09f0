/**
 * Shown when another tab saved the open graph first: nothing was overwritten, and the user
 * chooses what happens to this tab's version.
 */
import type { Autosave } from '../model/autosave.ts';
import './saveConflict.css';

/** Props of {@link SaveConflictBar}. */
export interface SaveConflictBarProps {
  readonly autosave: Autosave;
}

/** The bar with its three choices. */
export function SaveConflictBar({ autosave }: SaveConflictBarProps) {
  const name = autosave.conflict()?.name;
  return (
    <div
      className="nw-save-conflict"
      role="alertdialog"
      aria-label="Save conflict"
      data-testid="save-conflict"
    >
      <span>
        {name ? `"${name}"` : 'This graph'} was changed in another tab. Your edits here are not saved yet and
        nothing was overwritten.
      </span>
      <button type="button" data-testid="conflict-reload" onClick={() => void autosave.resolve('reload')}>
        Reload their version
      </button>
      <button type="button" data-testid="conflict-copy" onClick={() => void autosave.resolve('copy')}>
        Keep both (save mine as a copy)
      </button>
      <button
        type="button"
        data-testid="conflict-overwrite"
        onClick={() => void autosave.resolve('overwrite')}
      >
        Overwrite with mine
      </button>
    </div>
  );
}
