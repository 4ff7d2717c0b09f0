/**
 * Block files (docs/blocks.md, "Block files"): a `.block.json` is a graph file (format version
 * 2) holding one block instance and the definitions it uses, the same JSON a copy of the
 * instance puts on the clipboard. Importing one goes through the graph loader, so a hostile file
 * (a recursive block, a dangling port, a repeat out of bounds, a binding to a missing param) is
 * refused with the loader's path-naming message, and then through paste, which joins an
 * identical definition or adds it under a fresh id. Importing an ordinary graph file takes its
 * blocks: one instance of each.
 */
import { BLOCK_PARAM, BLOCK_TYPE } from '../../runtime/graph/blockTypes.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { EditorStore } from './editorStore.ts';
import { fragmentText, parseFragment } from './fragment.ts';
import { pasteText } from './graphActions.ts';

/** The `.block.json` text of instance `nodeId` of the canvas's document. */
export function blockFileText(store: EditorStore, nodeId: string): string {
  return fragmentText(store.getState().view, [nodeId], store.registry);
}

/** One instance of each block of `doc`, as a fragment document. */
function instancesOf(doc: GraphDoc): GraphDoc {
  const nodes: GraphDoc['nodes'] = Object.fromEntries(
    Object.keys(doc.blocks ?? {}).map((block, i) => [
      block,
      { id: block, type: BLOCK_TYPE, params: { [BLOCK_PARAM]: block }, position: { x: i * 300, y: 0 } },
    ]),
  );
  return { ...doc, nodes, edges: {}, placeholders: {} };
}

/**
 * Adds the block(s) of file `name` to the open graph: a block file's instance, or one instance
 * of each block of a graph file. Returns false (with an error notice naming the file) when refused.
 */
export function importBlockFile(store: EditorStore, name: string, text: string): boolean {
  const parsed = parseFragment(text, store.registry);
  if (!parsed.ok) {
    store.notify('error', `Cannot import ${name}: ${parsed.message}`);
    return false;
  }
  const doc = parsed.doc;
  const nodes = Object.values(doc.nodes);
  const isBlockFile = nodes.length === 1 && nodes[0]?.type === BLOCK_TYPE;
  if (isBlockFile) return pasteText(store, text);
  if (Object.keys(doc.blocks ?? {}).length === 0) {
    store.notify('error', `Cannot import ${name}: it holds no block (a .block.json holds one block instance and its definitions)`);
    return false;
  }
  const fragment = instancesOf(doc);
  return pasteText(store, fragmentText(fragment, Object.keys(fragment.nodes), store.registry));
}
