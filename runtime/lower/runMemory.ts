/**
 * The per-run, per-node memory behind `ctx.runMemory` (see {@link RunContext}): what hooks and
 * schedules keep between calls lives in the run, not in module-level maps of the plugin, so
 * runs never share it and a failed run cannot leave it behind.
 */
import type { RunContext } from './lowering.ts';

/** The memories of one run's nodes. */
export interface RunMemoryStore {
  /** `ctx.runMemory` of node `nodeId`. */
  forNode(nodeId: string): RunContext['runMemory'];
  /** Calls `dispose()` of every memory that has one, once each, and forgets them all. */
  dispose(): void;
}

function hasDispose(v: object): v is { dispose(): void } {
  return typeof (v as { dispose?: unknown }).dispose === 'function';
}

/** An empty store for one run. */
export function createRunMemory(): RunMemoryStore {
  const memories = new Map<string, object>();
  return {
    forNode(nodeId) {
      return <T extends object>(create: () => T): T => {
        let m = memories.get(nodeId);
        if (m === undefined) {
          m = create();
          memories.set(nodeId, m);
        }
        return m as T;
      };
    },
    dispose() {
      const all = [...memories.values()];
      memories.clear();
      let failure: Error | undefined;
      for (const m of all) {
        try {
          if (hasDispose(m)) m.dispose();
        } catch (e) {
          failure ??= e instanceof Error ? e : new Error(String(e));
        }
      }
      if (failure) throw failure;
    },
  };
}
