/**
 * The local library: every graph stored in this browser with a summary; open, rename,
 * duplicate, delete; below it the bundled examples. Opening saves the current graph first.
 */
import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../hooks/EditorContext.ts';
import { useUiState } from '../hooks/useStoreSelector.ts';
import { formatCount } from '../model/format.ts';
import { deleteGraph, listGraphs, type GraphRecord } from '../model/graphDatabase.ts';
import { openGraphText } from '../model/openGraph.ts';
import * as edits from '../model/edits.ts';
import { ExamplesList } from './ExamplesList.tsx';
import { duplicateStoredGraph, renameStoredGraph } from './libraryRecords.ts';
import { TableHead } from './TableHead.tsx';

/** The library dialog; renders nothing when closed. */
export function LibraryDialog() {
  const { store, ui, db, autosave } = useServices();
  const open = useUiState((s) => s.libraryOpen);
  const [graphs, setGraphs] = useState<GraphRecord[]>([]);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => { setVersion((v) => v + 1); }, []);
  useEffect(() => {
    if (!open || !db) return;
    let live = true;
    void (async () => {
      await autosave?.flush();
      const list = await listGraphs(db);
      if (live) setGraphs(list);
    })();
    return () => {
      live = false;
    };
  }, [open, db, autosave, version]);
  if (!open) return null;
  const current = store.getState().graphId;
  const close = (): void => { ui.update({ libraryOpen: false }); };
  const openOne = async (g: GraphRecord): Promise<void> => {
    await autosave?.flush();
    if (openGraphText(store, g.text, `"${g.name}"`, g.id, g.name)) close();
  };
  const rename = async (g: GraphRecord): Promise<void> => {
    const name = window.prompt('New name', g.name);
    if (!db || name === null || name.trim() === '') return;
    if (g.id === current) store.edit(edits.setMeta('title', name.trim()));
    else await renameStoredGraph(db, store.registry, g.id, name.trim());
    refresh();
  };
  return (
    <div className="nw-overlay" onClick={close} data-testid="library">
      <div className="nw-dialog nw-library" role="dialog" aria-label="Library" onClick={(e) => { e.stopPropagation(); }}>
        <h2>Library</h2>
        {!db ? <p className="nw-warning">This browser does not allow local storage here; save graphs as files.</p> : null}
        <table>
          <TableHead columns={['Name', 'Nodes', 'Params', 'Changed', '']} />
          <tbody>
            {graphs.map((g) => (
              <tr key={g.id} className={g.id === current ? 'nw-current' : ''} data-testid="library-row">
                <td>
                  <button type="button" className="nw-link" onClick={() => void openOne(g)} data-testid="library-open">
                    {g.name}
                  </button>
                  {g.summary.missing.length > 0 ? <span className="nw-badge nw-badge-warning" title={`Missing: ${g.summary.missing.join(', ')}`}>missing plugins</span> : null}
                </td>
                <td>{g.summary.nodes}</td>
                <td>{formatCount(g.summary.params)}</td>
                <td>{new Date(g.updatedAt).toLocaleString()}</td>
                <td className="nw-actions">
                  <button type="button" onClick={() => void rename(g)}>
                    Rename
                  </button>
                  <button type="button" onClick={() => void (db ? duplicateStoredGraph(db, store.registry, g.id).then(refresh) : undefined)}>
                    Duplicate
                  </button>
                  <button
                    type="button"
                    disabled={g.id === current}
                    title={g.id === current ? 'This graph is open' : 'Delete from this browser'}
                    onClick={() => {
                      if (db && window.confirm(`Delete "${g.name}" from this browser?`)) void deleteGraph(db, g.id).then(refresh);
                    }}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ExamplesList onOpened={close} />
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}
