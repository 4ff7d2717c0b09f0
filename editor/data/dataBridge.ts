/**
 * What the canvas knows about the user's datasets, and how a data node on the canvas hands a
 * picked file to the run panel's Data section. The canvas draws a "not in this browser" badge on
 * a data node whose data is neither shipped nor kept; its "Choose file…" opens a picker on the
 * node and submits the picked handles here, and `DataFiles` (which has the engine session) reads
 * them in the worker exactly as if they had been picked in the Data section.
 *
 * Which datasets are kept comes from `DataFiles` once the run panel is mounted, and before that
 * from the keys of the worker's IndexedDB store (SHA-256 strings only; no bytes are read here).
 */
import { openDB } from 'idb';
import { useSyncExternalStore } from 'react';
import type { PickedData } from './readPicked.ts';

/** The worker's database of kept datasets (`DATASETS_DB_NAME` in workers/userDatasets.ts, same schema). */
const DATASETS_DB = 'netwright-datasets';

/** A picked text file, image folder or pair of IDX files for a node. */
export interface DataSubmission {
  readonly nodeId: string;
  readonly picked: PickedData;
}

/** The bridge between canvas data badges and the Data section. */
export interface DataBridge {
  /** SHA-256 of every kept dataset, or undefined while not known yet. */
  kept(): ReadonlySet<string> | undefined;
  /** Sets the kept datasets (the Data section, after each list). */
  setKept(sha256s: readonly string[]): void;
  subscribe(listener: () => void): () => void;
  /** Queues a pick made on a node; the Data section takes it. */
  submit(submission: DataSubmission): void;
  /** Takes the queued picks (the Data section, when it mounts and on each notification). */
  take(): DataSubmission[];
}

/** Creates a bridge; `loadKept` reads the kept datasets' SHA-256s the first time they are asked for. */
export function createDataBridge(loadKept: () => Promise<string[]>): DataBridge {
  let kept: ReadonlySet<string> | undefined;
  let loading = false;
  let queue: DataSubmission[] = [];
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const l of listeners) l();
  };
  const bridge: DataBridge = {
    kept() {
      if (kept === undefined && !loading) {
        loading = true;
        loadKept().then(
          (keys) => {
            kept ??= new Set(keys);
            notify();
          },
          () => {
            kept ??= new Set(); // no IndexedDB: nothing is kept
            notify();
          },
        );
      }
      return kept;
    },
    setKept(sha256s) {
      kept = new Set(sha256s);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    submit(submission) {
      queue.push(submission);
      notify();
    },
    take() {
      const taken = queue;
      queue = [];
      return taken;
    },
  };
  return bridge;
}

async function keptKeys(): Promise<string[]> {
  const db = await openDB(DATASETS_DB, 1, {
    upgrade(d) {
      d.createObjectStore('files', { keyPath: 'sha256' });
    },
  });
  try {
    return (await db.getAllKeys('files')).map(String);
  } finally {
    db.close();
  }
}

/** The page's bridge. */
export const dataBridge: DataBridge = createDataBridge(keptKeys);

/** The kept datasets' SHA-256s (undefined while loading), re-rendering when they change. */
export function useKeptDatasets(bridge: DataBridge = dataBridge): ReadonlySet<string> | undefined {
  return useSyncExternalStore((l) => bridge.subscribe(l), () => bridge.kept());
}
