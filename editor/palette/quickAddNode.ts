/**
 * The quick-add action: add a node of a plugin where a link was dropped and connect it to the
 * port the link came from, as ONE undo step (the user did one thing). Framework-free.
 */
import type { Position } from '../../runtime/graph/types.ts';
import { defaultParams } from '../../runtime/sdk/index.ts';
import type { EditorStore } from '../model/editorStore.ts';
import * as edits from '../model/edits.ts';
import { addLinkedNode, type NewLink } from './addLinkedNode.ts';
import { compatiblePort, type DraggedPort } from './paletteSearch.ts';

/** The port a quick-add link was dragged from. */
export interface QuickAddSource {
  readonly node: string;
  readonly port: string;
  readonly side: 'output' | 'input';
}

/**
 * Adds a node of `type` at `position` and, when `from` and `dragged` are given and a port of
 * the plugin fits, links it to `from`. Both changes are one undo step; the new node is selected.
 * A link that the connection checks refuse is reported and left out (the node stays). Returns
 * the new node's id, or undefined when nothing was added.
 */
export function quickAddNode(store: EditorStore, type: string, position: Position, from?: QuickAddSource, dragged?: DraggedPort): string | undefined {
  const spec = store.registry.get(type);
  if (!spec) {
    store.notify('error', `plugin "${type}" is not installed`);
    return undefined;
  }
  const id = edits.freshNodeId(store.getState().view, type);
  const node = { id, type, params: defaultParams(spec.params), position: { x: Math.round(position.x), y: Math.round(position.y) } };
  const port = from && dragged ? compatiblePort(spec, dragged) : undefined;
  const links: NewLink[] =
    from && port !== undefined
      ? [from.side === 'output' ? [{ node: from.node, port: from.port }, { node: id, port }] : [{ node: id, port }, { node: from.node, port: from.port }]]
      : [];
  return addLinkedNode(store, node, links, `quick-add:${id}`) ? id : undefined;
}
