/**
 * ADAPTER: the editing commands, as recipes over the document. They mirror the commands that
 * runtime/graph is meant to export (add, remove, move, set param, connect, …); when those land,
 * these become one-line calls into them.
 */
import type { Draft } from 'immer';
import type { GraphEdge, GraphNode, JsonValue, PlaceholderInfo, Position } from '../../runtime/graph/types.ts';
import type { ParamValue } from '../../runtime/sdk/index.ts';
import type { DocRecipe } from './history.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Adds a node. */
export function addNode(node: GraphNode): DocRecipe {
  return (d) => {
    d.nodes[node.id] = node as Draft<GraphNode>;
  };
}

/** Removes nodes (with every edge touching them) and edges. */
export function removeElements(nodeIds: readonly string[], edgeIds: readonly string[]): DocRecipe {
  return (d) => {
    const gone = new Set(nodeIds);
    for (const id of nodeIds) {
      Reflect.deleteProperty(d.nodes, id);
      Reflect.deleteProperty(d.placeholders, id);
    }
    for (const [id, e] of Object.entries(d.edges)) {
      if (gone.has(e.from.node) || gone.has(e.to.node)) Reflect.deleteProperty(d.edges, id);
    }
    for (const id of edgeIds) Reflect.deleteProperty(d.edges, id);
  };
}

/** Moves nodes to new positions. */
export function moveNodes(positions: Readonly<Record<string, Position>>): DocRecipe {
  return (d) => {
    for (const [id, p] of Object.entries(positions)) {
      const n = d.nodes[id];
      if (n && (n.position.x !== p.x || n.position.y !== p.y)) n.position = { x: p.x, y: p.y };
    }
  };
}

/** Sets one param; `undefined` removes it so the default applies. */
export function setParam(nodeId: string, name: string, value: ParamValue | undefined): DocRecipe {
  return (d) => {
    const n = d.nodes[nodeId];
    if (!n) return;
    const params = n.params as Writable<Record<string, ParamValue>>;
    if (value === undefined) Reflect.deleteProperty(params, name);
    else params[name] = value;
  };
}

/** Sets or clears a node's label. */
export function setLabel(nodeId: string, label: string | undefined): DocRecipe {
  return (d) => {
    const n = d.nodes[nodeId];
    if (!n) return;
    if (label === undefined || label === '') delete n.label;
    else n.label = label;
  };
}

/** Connects two ports. An input takes at most one edge: an existing one is replaced. */
export function connect(edge: GraphEdge): DocRecipe {
  return (d) => {
    for (const [id, e] of Object.entries(d.edges)) {
      if (e.to.node === edge.to.node && e.to.port === edge.to.port) Reflect.deleteProperty(d.edges, id);
    }
    d.edges[edge.id] = edge;
  };
}

/** Inserts a fragment (paste, duplicate): nodes, edges and placeholder records, ids already fresh. */
export function insertFragment(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  placeholders: Readonly<Record<string, PlaceholderInfo>> = {},
): DocRecipe {
  return (d) => {
    for (const n of nodes) d.nodes[n.id] = n as Draft<GraphNode>;
    for (const e of edges) d.edges[e.id] = e;
    for (const [id, p] of Object.entries(placeholders)) d.placeholders[id] = p;
  };
}

/** Sets a document metadata field (title, description); `undefined` removes it. */
export function setMeta(key: string, value: JsonValue | undefined): DocRecipe {
  return (d) => {
    const meta = d.meta as Record<string, JsonValue | undefined>;
    if (value === undefined) Reflect.deleteProperty(meta, key);
    else meta[key] = value;
  };
}
