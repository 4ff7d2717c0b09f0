/**
 * Banner about the graph's plugins: those it uses that are not installed (their nodes are
 * kept as placeholders, saved back unchanged) and those installed at another version than
 * the file was saved with. It offers what to do: install (the plugin manager) or carry on.
 */
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';

/** The banner; renders nothing when every plugin is present at the file's version. */
export function MissingPluginsBanner() {
  const { store, ui } = useServices();
  const missing = useEditorState((s) => s.missingPlugins);
  const notes = useEditorState((s) => s.pluginNotes);
  if (missing.length === 0 && notes.length === 0) return null;
  const manage = (): void => {
    ui.update({ pluginsOpen: true });
  };
  return (
    <div className="nw-banner" role="status" data-testid="missing-banner">
      {missing.length > 0 ? (
        <p data-testid="missing-list">
          This graph uses plugins that are not installed: <b>{missing.join(', ')}</b>. Their nodes are kept exactly as saved (you can move, copy or delete
          them); everything else stays editable, and saving writes them back unchanged.{' '}
          <button type="button" onClick={manage} data-testid="banner-install">
            Install a plugin…
          </button>
        </p>
      ) : null}
      {notes.length > 0 ? (
        <div data-testid="plugin-notes">
          <ul>
            {notes.map((n) => (
              <li key={n}>{n.charAt(0).toUpperCase() + n.slice(1)}</li>
            ))}
          </ul>
          <button type="button" onClick={manage}>
            Manage plugins…
          </button>{' '}
          <button type="button" onClick={() => { store.dismissPluginNotes(); }} data-testid="plugin-notes-dismiss">
            Continue with the installed versions
          </button>
        </div>
      ) : null}
    </div>
  );
}
