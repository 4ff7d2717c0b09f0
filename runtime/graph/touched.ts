/**
 * What a patch list touched, so a view re-renders only the affected nodes and edges.
 */
import type { Patch } from 'immer';
import { parseEdgeId } from './ids.ts';

/** Ids touched by a patch list. */
export interface Touched {
  /** Nodes whose content, placeholder record or links changed (both ends of a changed edge). */
  readonly nodes: ReadonlySet<string>;
  /** Edges added, removed or changed. */
  readonly edges: ReadonlySet<string>;
  readonly meta: boolean;
  /** The whole document was replaced (a file was loaded): re-render everything. */
  readonly all: boolean;
}

/** Computes the node and edge ids a patch list touches. */
export function touchedByPatches(patches: readonly Patch[]): Touched {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  let meta = false;
  let all = false;
  for (const p of patches) {
    const [root, key] = p.path;
    if (root === undefined) {
      all = true;
      continue;
    }
    if (root === 'meta') {
      meta = true;
      continue;
    }
    if (key === undefined) {
      // A whole table was replaced: nothing cheaper than a full refresh is exact.
      all = true;
      continue;
    }
    const id = String(key);
    if (root === 'nodes' || root === 'placeholders') nodes.add(id);
    else if (root === 'edges') {
      edges.add(id);
      const ends = parseEdgeId(id);
      if (ends) {
        nodes.add(ends.from.node);
        nodes.add(ends.to.node);
      }
    }
  }
  return { nodes, edges, meta, all };
}
