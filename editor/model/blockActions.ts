/**
 * Block actions of the editor (docs/blocks.md): group the selected nodes into a new block
 * (Ctrl+G) and ungroup a selected instance (Ctrl+Shift+G), in the graph or inside an open
 * definition (nested blocks). Each is one undoable edit through the
 * runtime's block commands; a refusal (a group that would close a cycle) becomes a notice.
 * Opening an instance's definition on the canvas (double-click, Enter) and going back (Esc, the
 * breadcrumb) change only what the canvas shows (editor/model/blockView.ts).
 */
import { freshBlockId, groupIntoBlock, ungroup } from '../../runtime/blocks/commands.ts';
import { groupInBlock, ungroupInBlock } from '../../runtime/blocks/nestedCommands.ts';
import { BLOCK_TYPE, instanceBlockId } from '../../runtime/graph/blockTypes.ts';
import { freshNodeId } from '../../runtime/graph/ids.ts';
import type { EditorStore } from './editorStore.ts';

/** Opens the definition of instance `nodeId` of the canvas's document; false when it is not one. */
export function openInstance(store: EditorStore, nodeId: string): boolean {
  const { view, openBlocks } = store.getState();
  const node = view.nodes[nodeId];
  if (node?.type !== BLOCK_TYPE) return false;
  const block = instanceBlockId(node);
  if (block === undefined || !view.blocks || !Object.hasOwn(view.blocks, block)) {
    store.notify('error', `Block instance "${nodeId}" uses block "${block ?? '?'}", which this file does not define`);
    return false;
  }
  store.openBlocks([...openBlocks, block]);
  return true;
}

/** Opens the definition of the one selected block instance (Enter); false when none opened. */
export function openSelectedBlock(store: EditorStore): boolean {
  const { selection, view } = store.getState();
  const only = selection.nodes.length === 1 ? selection.nodes[0] : undefined;
  return only !== undefined && view.nodes[only]?.type === BLOCK_TYPE && openInstance(store, only);
}

/** Leaves the innermost open definition (Esc); false when the graph itself is shown. */
export function closeBlock(store: EditorStore): boolean {
  const { openBlocks } = store.getState();
  if (openBlocks.length === 0) return false;
  store.openBlocks(openBlocks.slice(0, -1));
  return true;
}

/**
 * Groups the selected nodes into a new block and selects its instance; returns the instance id.
 * Inside an open definition the new block is nested in it (`groupInBlock`).
 */
export function groupSelection(store: EditorStore): string | undefined {
  const { doc, view, selection, openBlocks } = store.getState();
  const nodes = selection.nodes.filter((id) => Object.hasOwn(view.nodes, id));
  if (nodes.length === 0) {
    store.notify('info', 'Select the nodes to group into a block first');
    return undefined;
  }
  const block = freshBlockId(doc, 'block');
  const instance = freshNodeId(view, BLOCK_TYPE);
  const title = `Block of ${String(nodes.length)} node${nodes.length === 1 ? '' : 's'}`;
  const open = openBlocks.at(-1);
  const done = store.edit((apply) => {
    if (open === undefined) apply(groupIntoBlock, { nodes, block, instance, title });
    else apply(groupInBlock, { block: open, nodes, newBlock: block, instance, title });
  });
  if (!done) return undefined;
  store.select({ nodes: [instance], edges: [] });
  return instance;
}

/**
 * Replaces each selected block instance by its nodes (every copy of a repeat); inside an open
 * definition, by its nodes inside that definition (`ungroupInBlock`).
 */
export function ungroupSelection(store: EditorStore): void {
  const { view, selection, openBlocks } = store.getState();
  const instances = selection.nodes.filter((id) => view.nodes[id]?.type === BLOCK_TYPE);
  if (instances.length === 0) {
    store.notify('info', 'Select a block instance to ungroup');
    return;
  }
  const before = new Set(Object.keys(view.nodes));
  const open = openBlocks.at(-1);
  if (
    !store.edit((apply) => {
      for (const node of instances) {
        if (open === undefined) apply(ungroup, { node });
        else apply(ungroupInBlock, { block: open, node });
      }
    })
  )
    return;
  const after = store.getState().view.nodes;
  store.select({ nodes: Object.keys(after).filter((id) => !before.has(id)), edges: [] });
}
