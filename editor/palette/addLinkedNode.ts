/**
 * Adding a node together with its links as one undo step: the palette's add-in-view
 * (`placeNode.ts`) and the quick add on a dropped link (`quickAddNode.ts`) both do it.
 * Framework-free.
 */
import type { GraphNode, PortRef } from '../../runtime/graph/types.ts';
import { checkConnectionDeep } from '../model/connection.ts';
import type { EditorStore } from '../model/editorStore.ts';
import * as edits from '../model/edits.ts';

/** A link to make: from an output port to an input port. */
export type NewLink = readonly [from: PortRef, to: PortRef];

/**
 * Adds `node`, then each of `links` that the connection checks allow, as ONE undo step (the
 * edits share `squashKey`), and selects the node. A refused link is reported and left out; the
 * node stays. Returns false when the store refused the node (nothing changed).
 */
export function addLinkedNode(store: EditorStore, node: GraphNode, links: readonly NewLink[], squashKey: string): boolean {
  try {
    if (!store.edit(edits.addNode(node), { squashKey })) return false;
    for (const [from, to] of links) {
      const why = checkConnectionDeep(store, from, to);
      if (why) store.notify('error', `Cannot connect: ${why}`);
      else store.edit(edits.connect(from, to), { squashKey });
    }
  } finally {
    store.closeSquash();
  }
  store.select({ nodes: [node.id], edges: [] });
  return true;
}
