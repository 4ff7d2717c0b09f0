/**
 * User-level actions on the store: each is one undoable edit (or none) and reports problems
 * as notices. The canvas, palette, inspector and keyboard all call these; tests too.
 */
import type { JsonValue, PortRef, Position } from '../../runtime/graph/types.ts';
import { defaultParams, type ParamValue } from '../../runtime/sdk/index.ts';
import * as edits from './edits.ts';
import { checkConnectionDeep } from './connection.ts';
import type { EditorStore } from './editorStore.ts';
import { extractFragment, parseFragment, placeFragment } from './fragment.ts';

/** Adds a node of a registered plugin with its default params; returns its id. */
export function addPluginNode(store: EditorStore, type: string, position: Position): string | undefined {
  const spec = store.registry.get(type);
  if (!spec) {
    store.notify('error', `plugin "${type}" is not installed`);
    return undefined;
  }
  const doc = store.getState().view;
  const id = edits.freshNodeId(doc, type);
  const node = { id, type, params: defaultParams(spec.params), position: { x: Math.round(position.x), y: Math.round(position.y) } };
  if (!store.edit(edits.addNode(node))) return undefined;
  store.select({ nodes: [id], edges: [] });
  return id;
}

/** Deletes the selected nodes (with their links) and links. */
export function deleteSelection(store: EditorStore): void {
  const { nodes, edges } = store.getState().selection;
  if (nodes.length + edges.length === 0) return;
  store.edit(edits.removeElements(nodes, edges));
}

/** Connects two ports after checking they fit; returns why not (and notifies) when refused. */
export function connectPorts(store: EditorStore, from: PortRef, to: PortRef): string | undefined {
  const why = checkConnectionDeep(store, from, to);
  if (why) {
    store.notify('error', `Cannot connect: ${why}`);
    return why;
  }
  store.edit(edits.connect(from, to));
  return undefined;
}

/** Sets several params of one node as one undo step (a picked data file names itself on its node). */
export function setNodeParams(store: EditorStore, nodeId: string, params: Readonly<Record<string, ParamValue>>): void {
  if (!Object.hasOwn(store.getState().view.nodes, nodeId)) return;
  store.edit((apply) => {
    for (const [name, value] of Object.entries(params)) edits.setParam(nodeId, name, value)(apply);
  });
}

/** Sets a param. Pass a `squashKey` while the user is still typing or sliding. */
export function setNodeParam(store: EditorStore, nodeId: string, name: string, value: ParamValue | undefined, squashKey?: string): void {
  store.edit(edits.setParam(nodeId, name, value), squashKey === undefined ? {} : { squashKey });
}

/**
 * Saves plugin data a finished run handed back (e.g. the LR refiner's refined schedule) into
 * the node. A machine change: the document changes (and is autosaved) but it is not an undo
 * step. A node deleted meanwhile is skipped.
 */
export function saveRunData(store: EditorStore, nodeId: string, data: Readonly<Record<string, JsonValue>>): void {
  if (!Object.hasOwn(store.getState().view.nodes, nodeId)) return;
  store.edit(edits.setData(nodeId, data), { record: false });
}

/** Moves nodes. While `dragging`, the moves of one drag merge into one undo step. */
export function moveNodes(store: EditorStore, positions: Readonly<Record<string, Position>>, dragging: boolean): void {
  const key = `move:${Object.keys(positions).sort().join(',')}`;
  store.edit(edits.moveNodes(positions), dragging ? { squashKey: key } : {});
}

/** Inserts a fragment (already parsed) with fresh ids, selects it. */
function insert(store: EditorStore, frag: ReturnType<typeof extractFragment>, placement: { at?: Position; offset?: Position }): void {
  const placed = placeFragment(store.getState().view, frag, placement);
  if (store.edit(edits.pasteClip(placed.clip, placed.offset))) store.select({ nodes: placed.newIds, edges: [] });
}

/** Duplicates the selected nodes and the links between them, shifted down-right. */
export function duplicateSelection(store: EditorStore): void {
  const { view: doc, selection } = store.getState();
  if (selection.nodes.length === 0) return;
  insert(store, extractFragment(doc, selection.nodes), { offset: { x: 40, y: 40 } });
}

/** Pastes graph-file text; a malformed clipboard is reported and changes nothing. */
export function pasteText(store: EditorStore, text: string, at?: Position): boolean {
  const r = parseFragment(text, store.registry);
  if (!r.ok) {
    store.notify('error', `Cannot paste: ${r.message}`);
    return false;
  }
  insert(store, r.doc, at ? { at } : { offset: { x: 40, y: 40 } });
  return true;
}
