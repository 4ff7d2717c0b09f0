/**
 * The breadcrumb over the canvas while a block definition is open: "Graph › GLA layer", each
 * part a button that goes back to that level (Esc goes back one). It says that edits here change
 * every instance of the block.
 */
import { Panel } from '@xyflow/react';
import { useServices } from '../hooks/EditorContext.ts';
import { useEditorState } from '../hooks/useStoreSelector.ts';
import type { EditorState } from '../model/editorStore.ts';

const selectOpen = (s: EditorState) => s.openBlocks;
const selectBlocks = (s: EditorState) => s.doc.blocks;

/** "in x → lnA.x, resA.a · out y ← resB.y": where the block's ports enter and leave it. */
function portsLine(def: NonNullable<EditorState['doc']['blocks']>[string]): string {
  const ins = Object.entries(def.inputs).map(([k, refs]) => `in ${k} → ${refs.map((r) => `${r.node}.${r.port}`).join(', ')}`);
  const outs = Object.entries(def.outputs).map(([k, r]) => `out ${k} ← ${r.node}.${r.port}`);
  return [...ins, ...outs].join(' · ');
}

/** Counts the instances of `block` in the document and its definitions. */
function instanceCount(s: EditorState, block: string): number {
  const count = (nodes: EditorState['doc']['nodes']): number =>
    Object.values(nodes).filter((n) => n.type === 'block' && n.params.block === block).length;
  return count(s.doc.nodes) + Object.values(s.doc.blocks ?? {}).reduce((sum, def) => sum + count(def.nodes), 0);
}

/** The breadcrumb; renders nothing while the graph itself is shown. */
export function BlockBreadcrumb() {
  const { store } = useServices();
  const open = useEditorState(selectOpen);
  const blocks = useEditorState(selectBlocks);
  const last = open.at(-1);
  const uses = useEditorState((s) => (last === undefined ? 0 : instanceCount(s, last)));
  if (last === undefined) return null;
  const titleOf = (id: string): string => blocks?.[id]?.title ?? id;
  const def = blocks?.[last];
  return (
    <Panel position="top-left" className="nw-breadcrumb" data-testid="block-breadcrumb">
      <nav aria-label="Open block definition">
        <button type="button" data-testid="breadcrumb-graph" onClick={() => { store.openBlocks([]); }}>
          Graph
        </button>
        {open.map((id, i) => (
          <span key={`${id}-${String(i)}`}>
            <span className="nw-breadcrumb-sep" aria-hidden="true"> › </span>
            {i === open.length - 1 ? (
              <b data-testid="breadcrumb-current" title={`block "${id}"`}>{titleOf(id)}</b>
            ) : (
              <button type="button" onClick={() => { store.openBlocks(open.slice(0, i + 1)); }}>
                {titleOf(id)}
              </button>
            )}
          </span>
        ))}
      </nav>
      <div className="nw-breadcrumb-note" data-testid="breadcrumb-note">
        Editing the block definition: changes apply to {uses === 1 ? 'its 1 instance' : `all ${String(uses)} instances`}. Esc goes back.
      </div>
      {def ? (
        <div className="nw-breadcrumb-note" data-testid="breadcrumb-ports">
          {portsLine(def)}
        </div>
      ) : null}
    </Panel>
  );
}
