/**
 * The last time profile of the graph (the worker's `profile`: per node, forward and backward
 * time of a training step) for the canvas: each node subscribes to its own row only and draws
 * a heat strip from it; the run panel reads the whole profile for its summary line.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { instanceProfileRows } from './instanceProfile.ts';
import { addNodeListener, type NodeListeners } from './nodeListeners.ts';
import type { NodeProfile, PlanProfile } from '../../workers/engineApi.ts';

/** One node's row of the profile, with how hot the canvas draws it. */
export interface NodeHeat {
  readonly row: NodeProfile;
  /** 0..1: the node's share of the step relative to the largest share in the profile. */
  readonly heat: number;
  /** What the strip's tooltip says, e.g. `fwd 1.2 ms · bwd 2.9 ms · 31 % of step`. */
  readonly text: string;
  readonly backend: string;
}

/** A store of the last profile. */
export interface ProfileStore {
  /** Replaces the profile (undefined: forget it); nodes whose row changed are told. */
  set(profile: PlanProfile | undefined): void;
  profile(): PlanProfile | undefined;
  get(nodeId: string): NodeHeat | undefined;
  /** Calls `listener` when this node's row changes; returns the unsubscribe function. */
  subscribe(nodeId: string, listener: () => void): () => void;
  /** Calls `listener` when the profile changes. */
  subscribeAll(listener: () => void): () => void;
}

/** Milliseconds as the tooltip shows them: `0.04`, `1.2`, `12`. */
export function formatMs(ms: number): string {
  return ms >= 10
    ? ms.toFixed(0)
    : ms >= 1
      ? ms.toFixed(1)
      : ms >= 0.1
        ? ms.toFixed(2)
        : ms > 0
          ? ms.toFixed(3)
          : '0';
}

/** A share of the step as `31 %` (one decimal below 10 %). */
export function formatShare(share: number): string {
  const pct = share * 100;
  return `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)} %`;
}

/** The tooltip of a node's strip. */
export function heatText(row: NodeProfile): string {
  const parts = [`fwd ${formatMs(row.forwardMs)} ms`, `bwd ${formatMs(row.backwardMs)} ms`];
  if (row.updateMs > 0) parts.push(`update ${formatMs(row.updateMs)} ms`);
  parts.push(`${formatShare(row.share)} of step`);
  return parts.join(' · ');
}

/**
 * Each node's heat: the square root of its share over the largest (small shares stay visible);
 * block instances get a row summing their flat nodes (`instanceProfile.ts`).
 */
function heats(profile: PlanProfile): Map<string, NodeHeat> {
  const top = Math.max(0, ...profile.nodes.map((n) => n.share));
  return new Map(
    [...profile.nodes, ...instanceProfileRows(profile.nodes)].map((row) => [
      row.node,
      {
        row,
        heat: top > 0 ? Math.min(1, Math.sqrt(Math.max(0, row.share) / top)) : 0,
        text: heatText(row),
        backend: profile.backend,
      },
    ]),
  );
}

/** Creates an empty store. */
export function createProfileStore(): ProfileStore {
  let current: PlanProfile | undefined;
  let rows = new Map<string, NodeHeat>();
  const listeners: NodeListeners = new Map();
  const all = new Set<() => void>();
  return {
    set(profile) {
      const before = rows;
      current = profile;
      rows = profile ? heats(profile) : new Map<string, NodeHeat>();
      for (const id of new Set([...before.keys(), ...rows.keys()])) {
        if (before.get(id)?.text === rows.get(id)?.text && before.get(id)?.heat === rows.get(id)?.heat) {
          // Unchanged: keep the old object so its subscribers do not re-render.
          const kept = before.get(id);
          if (kept) rows.set(id, kept);
          continue;
        }
        for (const l of listeners.get(id) ?? []) l();
      }
      for (const l of all) l();
    },
    profile: () => current,
    get: (id) => rows.get(id),
    subscribe: (nodeId, listener) => addNodeListener(listeners, nodeId, listener),
    subscribeAll(listener) {
      all.add(listener);
      return () => {
        all.delete(listener);
      };
    },
  };
}

/** The store the run panel writes to unless it is given another one. */
export const defaultProfiles: ProfileStore = createProfileStore();

/** One node's row of the last profile, for the canvas node; re-renders only when that row changes. */
export function useNodeHeat(nodeId: string, store: ProfileStore = defaultProfiles): NodeHeat | undefined {
  const subscribe = useCallback((cb: () => void) => store.subscribe(nodeId, cb), [store, nodeId]);
  const get = useCallback(() => store.get(nodeId), [store, nodeId]);
  return useSyncExternalStore(subscribe, get, get);
}

/** The whole last profile, for the run panel. */
export function useProfile(store: ProfileStore = defaultProfiles): PlanProfile | undefined {
  const subscribe = useCallback((cb: () => void) => store.subscribeAll(cb), [store]);
  const get = useCallback(() => store.profile(), [store]);
  return useSyncExternalStore(subscribe, get, get);
}
