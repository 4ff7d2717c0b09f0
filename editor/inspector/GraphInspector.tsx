/** Inspector when no node is selected: the graph's title and description. */
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import * as edits from '../model/edits.ts';

/** The graph inspector. */
export function GraphInspector() {
  const { store } = useServices();
  const meta = useEditorState((s) => s.doc.meta);
  const graphId = useEditorState((s) => s.graphId);
  const title = typeof meta.title === 'string' ? meta.title : '';
  const description = typeof meta.description === 'string' ? meta.description : '';
  const commit = (key: string, value: string, old: string): void => {
    if (value !== old) store.edit(edits.setMeta(key, value === '' ? undefined : value));
  };
  return (
    <div className="nw-inspector-body" key={graphId} data-testid="inspector-graph">
      <h2>Graph</h2>
      <div className="nw-field">
        <label htmlFor="graph-title">Title</label>
        <input id="graph-title" defaultValue={title} key={`t-${title}`} maxLength={200} onBlur={(e) => { commit('title', e.target.value, title); }} data-testid="graph-title" />
      </div>
      <div className="nw-field">
        <label htmlFor="graph-description">Description</label>
        <textarea id="graph-description" defaultValue={description} key={`d-${description}`} rows={5} onBlur={(e) => { commit('description', e.target.value, description); }} />
      </div>
      <p className="nw-muted">Select a node to edit its parameters. Drag plugins from the palette, or press / to search.</p>
    </div>
  );
}
