/**
 * Listeners kept per node id, for the per-node stores of the run panel (live diagnostics, the
 * profile's heat strips): a canvas node subscribes to its own id and re-renders only when that
 * node's entry changes.
 */

/** Listeners by node id. */
export type NodeListeners = Map<string, Set<() => void>>;

/** Adds `listener` for `nodeId`; returns the function that removes it (and the empty set). */
export function addNodeListener(listeners: NodeListeners, nodeId: string, listener: () => void): () => void {
  let set = listeners.get(nodeId);
  if (!set) listeners.set(nodeId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(nodeId);
  };
}
