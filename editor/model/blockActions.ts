/**
 * Block actions of the editor (docs/blocks.md): group the selected nodes into a new block
 * (Ctrl+G) and ungroup a selected instance (Ctrl+Shift+G). Each is one undoable edit through the
 * runtime's block commands; a refusal (a group that would close a cycle) becomes a notice.
 */
import { freshBlockId, groupIntoBlock, ungroup } from '../../runtime/blocks/commands.ts';
import { BLOCK_TYPE } from '../../runtime/graph/blockTypes.ts';
import { freshNodeId } from '../../runtime/graph/ids.ts';
import type { EditorStore } from './editorStore.ts';

/** Groups the selected nodes into a new block and selects its instance; returns the instance id. */
export function groupSelection(store: EditorStore): string | undefined {
  const { doc, selection } = store.getState();
  const nodes = selection.nodes.filter((id) => Object.hasOwn(doc.nodes, id));
  if (nodes.length === 0) {
    store.notify('info', 'Select the nodes to group into a block first');
    return undefined;
  }
  const block = freshBlockId(doc, 'block');
  const instance = freshNodeId(doc, BLOCK_TYPE);
  const done = store.edit((apply) => {
    apply(groupIntoBlock, {
      nodes,
      block,
      instance,
      title: `Block of ${String(nodes.length)} node${nodes.length === 1 ? '' : 's'}`,
    });
  });
  if (!done) return undefined;
  store.select({ nodes: [instance], edges: [] });
  return instance;
}

/** Replaces each selected block instance by its nodes (every copy of a repeat). */
export function ungroupSelection(store: EditorStore): void {
  const { doc, selection } = store.getState();
  const instances = selection.nodes.filter((id) => doc.nodes[id]?.type === BLOCK_TYPE);
  if (instances.length === 0) {
    store.notify('info', 'Select a block instance to ungroup');
    return;
  }
  const before = new Set(Object.keys(doc.nodes));
  if (
    !store.edit((apply) => {
      for (const node of instances) apply(ungroup, { node });
    })
  )
    return;
  const after = store.getState().doc.nodes;
  store.select({ nodes: Object.keys(after).filter((id) => !before.has(id)), edges: [] });
}
