/** The top bar: file actions, edit actions, view actions, theme, help and autosave status. */
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState, useUiState } from '../hooks/useStoreSelector.ts';
import { openFromPicker } from '../io/openFiles.ts';
import { saveToFile } from '../io/saveFiles.ts';
import { exportToTorch } from './exportCommand.ts';
import { saveTheme } from './theme.ts';
import { AutosaveIndicator } from './AutosaveIndicator.tsx';
import { autoLayout, newGraph, shareLink } from './editorCommands.ts';
import { NewFromTemplate } from './NewFromTemplate.tsx';

/** The toolbar. */
export function Toolbar() {
  const services = useServices();
  const { store, ui, bridge, autosave } = services;
  const canUndo = useEditorState((s) => s.canUndo);
  const canRedo = useEditorState((s) => s.canRedo);
  const title = useEditorState((s) => (typeof s.doc.meta.title === 'string' ? s.doc.meta.title : 'Untitled graph'));
  const theme = useUiState((s) => s.theme);
  return (
    <header className="nw-toolbar" data-testid="toolbar">
      <span className="nw-logo">Netwright</span>
      <span className="nw-title" data-testid="graph-name" title={title}>
        {title}
      </span>
      <nav>
        <button type="button" onClick={() => void newGraph(services)} data-testid="btn-new">
          New
        </button>
        <NewFromTemplate />
        <button type="button" onClick={() => void openFromPicker(services)} data-testid="btn-open">
          Open…
        </button>
        <button type="button" onClick={() => void saveToFile(services)} title="Ctrl+S" data-testid="btn-save">
          Save
        </button>
        <button type="button" onClick={() => { ui.update({ libraryOpen: true }); }} data-testid="btn-library">
          Library
        </button>
        <button type="button" onClick={() => { ui.update({ pluginsOpen: true }); }} data-testid="btn-plugins">
          Plugins
        </button>
        <button type="button" onClick={() => void shareLink(services)} data-testid="btn-share">
          Share link
        </button>
        <button
          type="button"
          onClick={() => void exportToTorch(services)}
          title="Export → PyTorch: a zip of model.py, train.py, netwright_torch.py, weights.json and a README"
          data-testid="btn-export-torch"
        >
          Export → PyTorch
        </button>
        <span className="nw-sep" />
        <button type="button" onClick={() => { store.undo(); }} disabled={!canUndo} title="Ctrl+Z" data-testid="btn-undo">
          Undo
        </button>
        <button type="button" onClick={() => { store.redo(); }} disabled={!canRedo} title="Shift+Ctrl+Z" data-testid="btn-redo">
          Redo
        </button>
        <span className="nw-sep" />
        <button type="button" onClick={() => void autoLayout(services)} title="L" data-testid="btn-layout">
          Layout
        </button>
        <button type="button" onClick={() => bridge.api?.fitView()} title="F" data-testid="btn-fit">
          Fit
        </button>
        <button
          type="button"
          onClick={() => {
            const next = theme === 'dark' ? 'light' : 'dark';
            ui.update({ theme: next });
            saveTheme(next);
          }}
          data-testid="btn-theme"
        >
          {theme === 'dark' ? 'Light' : 'Dark'}
        </button>
        <button type="button" onClick={() => { ui.update({ helpOpen: true }); }} title="?" data-testid="btn-help">
          ?
        </button>
      </nav>
      <AutosaveIndicator autosave={autosave} />
    </header>
  );
}
