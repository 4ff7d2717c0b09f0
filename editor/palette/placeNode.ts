/**
 * Adding a node from the palette (Enter, double-click) where the user is looking: right of the
 * selected node and linked from it when one of its outputs fits an input of the new node, else
 * at the pointer or the centre of the view; never on top of another node. The view then pans,
 * without zooming, to show it. One undo step.
 */
import type { GraphNode, Position } from '../../runtime/graph/types.ts';
import { defaultParams, type AnyPluginSpec } from '../../runtime/sdk/index.ts';
import type { CanvasBridge } from '../canvas/canvasBridge.ts';
import { estimateNodeSize } from '../canvas/nodeGeometry.ts';
import type { EditorStore } from '../model/editorStore.ts';
import * as edits from '../model/edits.ts';
import { followingSpot, freeSpot, type Box } from '../model/placement.ts';
import { addLinkedNode, type NewLink } from './addLinkedNode.ts';
import { compatiblePort } from './paletteSearch.ts';

/** The drawn (or else estimated) box of every node of the open graph, by id. */
export function nodeBoxes(store: EditorStore, bridge: CanvasBridge): Record<string, Box> {
  const { view: doc, viewReport: report } = store.getState();
  const boxes: Record<string, Box> = {};
  for (const [id, n] of Object.entries(doc.nodes)) {
    const size = bridge.api?.nodeSize(id) ?? estimateNodeSize(n, store.registry.get(n.type), report.nodes[id]);
    boxes[id] = { ...n.position, ...size };
  }
  return boxes;
}

/** Links from `anchor` to a new node of `spec` (id `id`) that fit, without changing anything. */
function linksFrom(store: EditorStore, anchor: string, spec: AnyPluginSpec, id: string): NewLink[] {
  const { view: doc, viewReport: inference } = store.getState();
  const node = doc.nodes[anchor];
  const anchorSpec = node ? store.registry.get(node.type) : undefined;
  if (!anchorSpec) return [];
  // An optimiser minimises a loss: a metric's scalar fits its port too, but is never meant.
  if (spec.role === 'optimiser' && anchorSpec.role !== 'loss') return [];
  for (const [port, portSpec] of Object.entries(anchorSpec.outputs)) {
    const value = inference.nodes[anchor]?.outputs[port];
    const input = compatiblePort(spec, { side: 'output', spec: portSpec, ...(value ? { value } : {}) });
    if (input !== undefined) return [[{ node: anchor, port }, { node: id, port: input }]];
  }
  // Nothing of the anchor's fits: a node beside it (a metric next to a loss) takes the same
  // inputs, port by port, where the names match.
  return Object.values(doc.edges)
    .filter((e) => e.to.node === anchor && spec.inputs[e.to.port] !== undefined)
    .map((e): NewLink => [e.from, { node: id, port: e.to.port }]);
}

/**
 * Adds a node of `type` next to the selected node (linked from it when the ports fit) or where
 * the user is looking, in a free spot, and shows it. Returns the new id, or undefined.
 */
export function addNodeInView(store: EditorStore, bridge: CanvasBridge, type: string): string | undefined {
  const spec = store.registry.get(type);
  if (!spec) {
    store.notify('error', `plugin "${type}" is not installed`);
    return undefined;
  }
  const { view: doc, selection } = store.getState();
  const id = edits.freshNodeId(doc, type);
  const draft: GraphNode = { id, type, params: defaultParams(spec.params), position: { x: 0, y: 0 } };
  const size = estimateNodeSize(draft, spec, undefined);
  const boxes = nodeBoxes(store, bridge);
  const anchor = selection.nodes.length === 1 ? selection.nodes[0] : undefined;
  const anchorBox = anchor !== undefined ? boxes[anchor] : undefined;
  const looking = bridge.pointer ?? bridge.api?.center();
  const preferred: Position = anchorBox
    ? followingSpot(anchorBox)
    : looking
      ? { x: looking.x - size.width / 2, y: looking.y - size.height / 2 }
      : { x: 0, y: 0 };
  const position = freeSpot(size, preferred, Object.values(boxes));
  const links = anchor !== undefined && anchorBox ? linksFrom(store, anchor, spec, id) : [];
  if (!addLinkedNode(store, { ...draft, position }, links, `add-in-view:${id}`)) return undefined;
  bridge.api?.reveal({ ...position, ...size });
  return id;
}

/** A free spot for a node of `type` near `preferred` (a drop point): no overlap with others. */
export function freeSpotFor(store: EditorStore, bridge: CanvasBridge, type: string, preferred: Position): Position {
  const spec = store.registry.get(type);
  if (!spec) return preferred;
  const size = estimateNodeSize({ id: type, type, params: defaultParams(spec.params), position: preferred }, spec, undefined);
  return freeSpot(size, preferred, Object.values(nodeBoxes(store, bridge)));
}
