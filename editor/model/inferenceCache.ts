/**
 * Keeps inference cheap and its results stable while editing. Positions, labels and selection
 * do not change shapes, so a drag re-uses the last inference; after a real change, per-node
 * results equal to the previous ones keep their identity so only affected nodes re-render.
 */
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { Registry } from '../../runtime/sdk/index.ts';
import { createGraphInferrer, type GraphInference, type NodeInference } from '../runtimeAdapter/inference.ts';

/** Structural equality for plain JSON-like data (inference results). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Whether two documents can differ in inference results (types, params, edges, placeholders). */
function sameStructure(a: GraphDoc, b: GraphDoc): boolean {
  if (a.edges !== b.edges || a.placeholders !== b.placeholders) return false;
  const ka = Object.keys(a.nodes);
  if (ka.length !== Object.keys(b.nodes).length) return false;
  for (const id of ka) {
    const na = a.nodes[id]!;
    const nb = b.nodes[id];
    if (!nb || na.type !== nb.type || na.params !== nb.params) return false;
  }
  return true;
}

/** A memoising inference function bound to a registry. */
export function createInferenceCache(registry: Registry): (doc: GraphDoc) => GraphInference {
  const inferDoc = createGraphInferrer(registry);
  let lastDoc: GraphDoc | undefined;
  let last: GraphInference | undefined;
  return (doc) => {
    if (last && lastDoc && (doc === lastDoc || sameStructure(lastDoc, doc))) {
      lastDoc = doc;
      return last;
    }
    const fresh = inferDoc(doc);
    if (last) {
      const nodes: Record<string, NodeInference> = {};
      for (const [id, r] of Object.entries(fresh.nodes)) {
        const prev = last.nodes[id];
        nodes[id] = prev && deepEqual(prev, r) ? prev : r;
      }
      last = { ...fresh, nodes };
    } else last = fresh;
    lastDoc = doc;
    return last;
  };
}
