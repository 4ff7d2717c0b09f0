/**
 * The right-hand inspector: the selected node, a count for several, or (nothing selected) the
 * open block definition's interface, else the graph itself.
 */
import { useEditorState } from '../hooks/useStoreSelector.ts';
import { BlockInterfacePanel } from './BlockInterfacePanel.tsx';
import { GraphInspector } from './GraphInspector.tsx';
import { NodeInspector } from './NodeInspector.tsx';

/** The inspector panel. */
export function Inspector() {
  const selected = useEditorState((s) => s.selection.nodes);
  const openBlock = useEditorState((s) => s.openBlocks.at(-1));
  return (
    <aside className="nw-inspector" data-testid="inspector">
      {selected.length === 1 ? (
        <NodeInspector nodeId={selected[0]!} />
      ) : selected.length > 1 ? (
        <div className="nw-inspector-body">
          <h2>{selected.length} nodes selected</h2>
          <p className="nw-muted">Ctrl+C copies them, Ctrl+D duplicates, Delete removes.</p>
        </div>
      ) : openBlock === undefined ? (
        <GraphInspector />
      ) : (
        <BlockInterfacePanel blockId={openBlock} />
      )}
    </aside>
  );
}
