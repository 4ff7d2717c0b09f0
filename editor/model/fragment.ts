/**
 * Fragments: part of a graph written as graph-file JSON (what copy puts on the clipboard, so it
 * travels between tabs), and re-inserted with fresh ids and shifted positions.
 */
import type { GraphDoc, GraphEdge, GraphNode, PlaceholderInfo, Position } from '../../runtime/graph/types.ts';
import type { Registry } from '../../runtime/sdk/index.ts';
import { copyNodes, pasteIdMap, type GraphClip } from './edits.ts';
import { loadGraphText, serializeGraphText } from './graphText.ts';

/** The sub-document of the given nodes and the edges between them, with the block definitions their instances use. */
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
  // The runtime's clip finds the definitions (nested ones too); paste merges them into the target.
  const blocks = copyNodes(doc, [...keep]).blocks;
  return { nodes, edges, meta: {}, placeholders, ...(blocks ? { blocks } : {}) };
}

/** Graph-file text of a fragment (the clipboard format). */
export function fragmentText(doc: GraphDoc, nodeIds: readonly string[], registry: Registry): string {
  return serializeGraphText(extractFragment(doc, nodeIds), registry);
}

/** A clip ready to paste into `doc`: the offset that puts it in place and the ids it will get. */
export interface PlacedClip {
  readonly clip: GraphClip;
  readonly offset: Position;
  readonly newIds: readonly string[];
}

/** Places a fragment: its top-left corner at `at` when given, else shifted by `offset`. */
export function placeFragment(doc: GraphDoc, frag: GraphDoc, placement: { at?: Position; offset?: Position }): PlacedClip {
  const clip = copyNodes(frag, Object.keys(frag.nodes));
  const minX = Math.min(...clip.nodes.map((n) => n.position.x));
  const minY = Math.min(...clip.nodes.map((n) => n.position.y));
  const offset = placement.at
    ? { x: Math.round(placement.at.x - minX), y: Math.round(placement.at.y - minY) }
    : (placement.offset ?? { x: 40, y: 40 });
  return { clip, offset, newIds: [...pasteIdMap(doc, clip).values()] };
}

/** Parses clipboard text as a fragment; a message says why not. */
export function parseFragment(text: string, registry: Registry): { ok: true; doc: GraphDoc } | { ok: false; message: string } {
  const r = loadGraphText(text, registry);
  if (!r.ok) return { ok: false, message: r.message };
  if (Object.keys(r.doc.nodes).length === 0) return { ok: false, message: 'the clipboard holds a graph with no nodes' };
  return { ok: true, doc: r.doc };
}
