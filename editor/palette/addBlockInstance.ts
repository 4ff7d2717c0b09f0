/**
 * Adding an instance of one of the open file's blocks (the palette's "Blocks" section): where the
 * user is looking, or at a drop point, in a free spot, selected. One undo step. Inside an open
 * definition, an instance of that definition (or of one that contains it) is refused: a block
 * cannot contain itself.
 */
import { BLOCK_PARAM, BLOCK_TYPE, instanceBlockId } from '../../runtime/graph/blockTypes.ts';
import type { GraphDoc, Position } from '../../runtime/graph/types.ts';
import type { CanvasBridge } from '../canvas/canvasBridge.ts';
import type { EditorStore } from '../model/editorStore.ts';
import * as edits from '../model/edits.ts';
import { freeSpot } from '../model/placement.ts';
import { nodeBoxes } from './placeNode.ts';

/** The size an instance is drawn at before it is measured. */
const INSTANCE_SIZE = { width: 260, height: 150 };

/** Whether block `outer` is `inner` or contains an instance of it (at any depth). */
function contains(doc: GraphDoc, outer: string, inner: string, depth = 0): boolean {
  if (outer === inner) return true;
  const def = doc.blocks?.[outer];
  if (!def || depth > 16) return false;
  return Object.values(def.nodes).some((n) => {
    const id = n.type === BLOCK_TYPE ? instanceBlockId(n) : undefined;
    return id !== undefined && contains(doc, id, inner, depth + 1);
  });
}

/** Adds an instance of block `block` at `at` (else where the user is looking); returns its id. */
export function addBlockInstance(store: EditorStore, bridge: CanvasBridge, block: string, at?: Position): string | undefined {
  const { view, openBlocks } = store.getState();
  const def = view.blocks?.[block];
  if (!def) {
    store.notify('error', `This file has no block "${block}"`);
    return undefined;
  }
  const open = openBlocks.at(-1);
  if (open !== undefined && contains(view, block, open)) {
    store.notify('error', `Block "${def.title ?? block}" cannot go inside block "${view.blocks?.[open]?.title ?? open}": a block cannot contain itself`);
    return undefined;
  }
  const looking = at ?? bridge.pointer ?? bridge.api?.center() ?? { x: 0, y: 0 };
  const preferred = at ?? { x: looking.x - INSTANCE_SIZE.width / 2, y: looking.y - INSTANCE_SIZE.height / 2 };
  const position = freeSpot(INSTANCE_SIZE, preferred, Object.values(nodeBoxes(store, bridge)));
  const id = edits.freshNodeId(view, block);
  const node = { id, type: BLOCK_TYPE, params: { [BLOCK_PARAM]: block }, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  if (!store.edit(edits.addNode(node))) return undefined;
  store.select({ nodes: [id], edges: [] });
  bridge.api?.reveal({ ...position, ...INSTANCE_SIZE });
  return id;
}
