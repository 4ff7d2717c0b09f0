/**
 * The quick-add action: add a node of a plugin where a link was dropped and connect it to the
 * port the link came from, as ONE undo step (the user did one thing). Framework-free.
 */
import type { PortRef, Position } from '../../runtime/graph/types.ts';
import { defaultParams } from '../../runtime/sdk/index.ts';
import { checkConnectionDeep } from '../model/connection.ts';
import type { EditorStore } from '../model/editorStore.ts';
import * as edits from '../model/edits.ts';
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
  const squashKey = `quick-add:${id}`;
  const node = { id, type, params: defaultParams(spec.params), position: { x: Math.round(position.x), y: Math.round(position.y) } };
  try {
    if (!store.edit(edits.addNode(node), { squashKey })) return undefined;
    const port = from && dragged ? compatiblePort(spec, dragged) : undefined;
    if (from && port !== undefined) {
      const [out, inp]: [PortRef, PortRef] = from.side === 'output' ? [{ node: from.node, port: from.port }, { node: id, port }] : [{ node: id, port }, { node: from.node, port: from.port }];
      const why = checkConnectionDeep(store, out, inp);
      if (why) store.notify('error', `Cannot connect: ${why}`);
      else store.edit(edits.connect(out, inp), { squashKey });
    }
  } finally {
    store.closeSquash();
  }
  store.select({ nodes: [id], edges: [] });
  return id;
}
