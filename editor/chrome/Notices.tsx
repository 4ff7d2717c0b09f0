/** Toasts: errors stay until dismissed, info fades after a few seconds. Text only, never HTML. */
import { useEffect } from 'react';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';

/** The toast stack. */
export function Notices() {
  const { store } = useServices();
  const notices = useEditorState((s) => s.notices);
  useEffect(() => {
    const timers = notices.filter((n) => n.kind === 'info').map((n) => setTimeout(() => { store.dismiss(n.id); }, 4000));
    return () => { timers.forEach(clearTimeout); };
  }, [notices, store]);
  return (
    <div className="nw-notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`nw-notice nw-notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.kind}`}>
          <span>{n.message}</span>
          <button type="button" aria-label="Dismiss" onClick={() => { store.dismiss(n.id); }}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
