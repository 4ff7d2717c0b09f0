/** Shows whether the latest edit is safely stored in the browser. */
import { useCallback, useSyncExternalStore } from 'react';
import type { Autosave } from '../model/autosave.ts';
import { SaveConflictBar } from './SaveConflictBar.tsx';

const TEXT = { saved: 'Saved locally', pending: 'Saving…', saving: 'Saving…', error: 'Not saved!', conflict: 'Changed in another tab' } as const;
const noop = (): (() => void) => () => undefined;

/** Props of {@link AutosaveIndicator}. */
export interface AutosaveIndicatorProps {
  readonly autosave: Autosave | undefined;
}

/** The indicator. */
export function AutosaveIndicator({ autosave }: AutosaveIndicatorProps) {
  const subscribe = useCallback((l: () => void) => (autosave ? autosave.onStatus(l) : noop()), [autosave]);
  const status = useSyncExternalStore(subscribe, () => autosave?.status());
  if (!autosave || !status) return <span className="nw-autosave nw-autosave-error">No local storage: save to a file</span>;
  return (
    <>
      <span className={`nw-autosave nw-autosave-${status}`} data-testid="autosave-status" data-status={status} title={autosave.lastError() ?? ''}>
        {TEXT[status]}
      </span>
      {status === 'conflict' && <SaveConflictBar autosave={autosave} />}
    </>
  );
}
