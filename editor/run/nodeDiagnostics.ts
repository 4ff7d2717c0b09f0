/**
 * Live per-node run state for the canvas: the latest diagnostics a node reported (dead-neuron
 * rate, sparsity, PowerNorm statistics, quantisation error, …) and the fault that marks it
 * (non-finite output, a lowering that threw). Each canvas node subscribes to its own id only,
 * so a progress update re-renders just the nodes whose values changed. A node inside a block
 * instance (`stack/1/gla`) also shows on the instance: its values under its path
 * (`[1] › gla deadRate`), its fault naming the path.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { displayPath } from '../../runtime/blocks/flatten.ts';
import { instanceRunKey } from './instanceProfile.ts';
import { addNodeListener, type NodeListeners } from './nodeListeners.ts';

/** One diagnostic value: a scalar or a short series (e.g. a refined LR schedule). */
export type DiagnosticValue = number | readonly number[];

/** What the run panel knows about one node right now. Immutable snapshots. */
export interface NodeRunState {
  /** Latest reported values by name. */
  readonly values: Readonly<Record<string, DiagnosticValue>>;
  /** Step the values were reported at. */
  readonly step: number;
  /** Set when the node caused the run to fail. */
  readonly fault?: { readonly code: string; readonly message: string; readonly port?: string };
}

/** A store of {@link NodeRunState} by node id. */
export interface RunDiagnosticsStore {
  /** Replaces the values of the nodes named in `byNode` (others keep theirs). */
  update(byNode: Readonly<Record<string, Readonly<Record<string, DiagnosticValue>>>>, step: number): void;
  /** Marks a node as the cause of a failure. */
  markFault(nodeId: string, fault: NonNullable<NodeRunState['fault']>): void;
  /** Forgets everything (a new run starts). */
  clear(): void;
  get(nodeId: string): NodeRunState | undefined;
  /** Node ids with any state. */
  nodes(): string[];
  /** Calls `listener` when this node's state changes; returns the unsubscribe function. */
  subscribe(nodeId: string, listener: () => void): () => void;
}

function sameValue(a: DiagnosticValue | undefined, b: DiagnosticValue): boolean {
  if (typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (!Array.isArray(a) || a.length !== b.length) return false;
  return b.every((v, i) => v === a[i]);
}

function sameValues(a: NodeRunState['values'], b: NodeRunState['values']): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => sameValue(a[k], b[k]!));
}

/** `byNode` plus, for each block instance its flat nodes are in, their values under their paths (`instanceRunKey`). */
function withInstances(
  byNode: Readonly<Record<string, Readonly<Record<string, DiagnosticValue>>>>,
  states: ReadonlyMap<string, NodeRunState>,
): Record<string, Readonly<Record<string, DiagnosticValue>>> {
  const out: Record<string, Record<string, DiagnosticValue>> = { ...byNode };
  for (const [id, values] of Object.entries(byNode)) {
    for (const [name, value] of Object.entries(values)) {
      const at = instanceRunKey(id, name);
      if (!at) continue;
      out[at.instance] ??= { ...(byNode[at.instance] ?? states.get(at.instance)?.values) };
      out[at.instance]![at.key] = value;
    }
  }
  return out;
}

/** Creates an empty store. */
export function createRunDiagnosticsStore(): RunDiagnosticsStore {
  const states = new Map<string, NodeRunState>();
  const listeners: NodeListeners = new Map();
  const notify = (id: string): void => {
    for (const l of listeners.get(id) ?? []) l();
  };
  return {
    update(byNode, step) {
      for (const [id, values] of Object.entries(withInstances(byNode, states))) {
        const prev = states.get(id);
        if (prev && sameValues(prev.values, values)) continue;
        states.set(id, { ...prev, values: { ...values }, step });
        notify(id);
      }
    },
    markFault(nodeId, fault) {
      const at = instanceRunKey(nodeId, '');
      const marks: [string, NonNullable<NodeRunState['fault']>][] = [[nodeId, fault]];
      if (at) marks.push([at.instance, { ...fault, message: `${displayPath(nodeId)}: ${fault.message}` }]);
      for (const [id, f] of marks) {
        const prev = states.get(id);
        states.set(id, { values: prev?.values ?? {}, step: prev?.step ?? 0, fault: f });
        notify(id);
      }
    },
    clear() {
      const ids = [...states.keys()];
      states.clear();
      for (const id of ids) notify(id);
    },
    get: (id) => states.get(id),
    nodes: () => [...states.keys()],
    subscribe: (nodeId, listener) => addNodeListener(listeners, nodeId, listener),
  };
}

/** The store the run panel writes to unless it is given another one. */
export const defaultRunDiagnostics: RunDiagnosticsStore = createRunDiagnosticsStore();

/**
 * The live run state of one node, for the canvas node component. Re-renders only when this
 * node's state changes.
 */
export function useNodeRunDiagnostics(nodeId: string, store: RunDiagnosticsStore = defaultRunDiagnostics): NodeRunState | undefined {
  const subscribe = useCallback((cb: () => void) => store.subscribe(nodeId, cb), [store, nodeId]);
  const get = useCallback(() => store.get(nodeId), [store, nodeId]);
  return useSyncExternalStore(subscribe, get, get);
}
