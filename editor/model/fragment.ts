/**
 * Fragments: a part of a graph written as graph-file JSON (what copy puts on the clipboard,
 * what duplicate copies), and re-inserted with fresh ids and shifted positions.
 */
import type { GraphDoc, GraphEdge, GraphNode, PlaceholderInfo, Position } from '../../runtime/graph/types.ts';
import type { Registry } from '../../runtime/sdk/index.ts';
import { loadGraphText, serializeGraphText } from '../runtimeAdapter/fileFormat.ts';
import { edgeId, freshId, idBase } from './ids.ts';

/** The sub-document of the given nodes and the edges between them. */
export function extractFragment(doc: GraphDoc, nodeIds: readonly string[]): GraphDoc {
  const keep = new Set(nodeIds.filter((id) => Object.hasOwn(doc.nodes, id)));
  const nodes: Record<string, GraphNode> = {};
  const placeholders: Record<string, PlaceholderInfo> = {};
  for (const id of keep) {
    nodes[id] = doc.nodes[id]!;
    const ph = doc.placeholders[id];
    if (ph) placeholders[id] = ph;
  }
  const edges: Record<string, GraphEdge> = {};
  for (const [id, e] of Object.entries(doc.edges)) if (keep.has(e.from.node) && keep.has(e.to.node)) edges[id] = e;
  return { nodes, edges, meta: {}, placeholders };
}

/** Graph-file text of a fragment (the clipboard format). */
export function fragmentText(doc: GraphDoc, nodeIds: readonly string[], registry: Registry): string {
  return serializeGraphText(extractFragment(doc, nodeIds), registry);
}

/** A fragment made ready to insert: fresh ids, moved positions. */
export interface PreparedFragment {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly placeholders: Readonly<Record<string, PlaceholderInfo>>;
}

/**
 * Renames every node of `frag` to an id free in `doc` and moves the fragment: to `at` (its
 * top-left corner) when given, else by `offset`.
 */
export function prepareFragment(doc: GraphDoc, frag: GraphDoc, placement: { at?: Position; offset?: Position }): PreparedFragment {
  const rename = new Map<string, string>();
  const taken = (id: string): boolean => Object.hasOwn(doc.nodes, id) || [...rename.values()].includes(id);
  const list = Object.values(frag.nodes);
  const minX = Math.min(...list.map((n) => n.position.x));
  const minY = Math.min(...list.map((n) => n.position.y));
  const dx = placement.at ? placement.at.x - minX : (placement.offset?.x ?? 40);
  const dy = placement.at ? placement.at.y - minY : (placement.offset?.y ?? 40);
  const nodes: GraphNode[] = [];
  const placeholders: Record<string, PlaceholderInfo> = {};
  for (const n of list) {
    const id = taken(n.id) ? freshId(idBase(n.type), taken) : n.id;
    rename.set(n.id, id);
    nodes.push({ ...n, id, position: { x: n.position.x + dx, y: n.position.y + dy } });
    const ph = frag.placeholders[n.id];
    if (ph) placeholders[id] = ph;
  }
  const edges = Object.values(frag.edges).map((e) => {
    const from = { node: rename.get(e.from.node)!, port: e.from.port };
    const to = { node: rename.get(e.to.node)!, port: e.to.port };
    return { id: edgeId(from, to), from, to };
  });
  return { nodes, edges, placeholders };
}

/** Parses clipboard text as a fragment; a message says why not. */
export function parseFragment(text: string, registry: Registry): { ok: true; doc: GraphDoc } | { ok: false; message: string } {
  const r = loadGraphText(text, registry);
  if (!r.ok) return { ok: false, message: r.message };
  if (Object.keys(r.doc.nodes).length === 0) return { ok: false, message: 'the clipboard holds a graph with no nodes' };
  return { ok: true, doc: r.doc };
}
