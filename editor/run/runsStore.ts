/**
 * Saved training runs in IndexedDB (through idb). A database of its own, apart from the
 * editor's autosave: losing or clearing runs never touches a graph. Records are small (curves
 * are downsampled); trained weights sit in a second object store so that listing runs never
 * loads them.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Failure } from '../../runtime/sdk/index.ts';
import type { Curve } from './curves.ts';

/** Name of the runs database. */
export const RUNS_DB_NAME = 'netwright-runs';
const DB_VERSION = 1;

/** How a run ended (or that it has not). */
export type RunStatus = 'running' | 'done' | 'stopped' | 'failed';

/** One training run as stored. Plain data (structured-clone safe). */
export interface RunRecord {
  readonly id: string;
  /** `Date.now()` when the run started. */
  readonly createdAt: number;
  /** `plan.graphHash` of the graph the run trained: weights load only into the same graph. */
  readonly graphHash: string;
  /** The graph's title at the time, for the list. */
  readonly title: string;
  readonly seed: number;
  readonly backend: string;
  readonly backendReason: string;
  readonly status: RunStatus;
  readonly totalSteps: number;
  readonly steps: number;
  readonly seconds: number;
  readonly batchSize: number;
  /** Mean training throughput. */
  readonly stepsPerSecond: number;
  /** Final evaluation: `loss` plus one value per metric node. */
  readonly finalMetrics: Readonly<Record<string, number>>;
  /** Training curves by name (`loss` and metric node ids) and eval curves as `eval:<name>`. */
  readonly curves: Readonly<Record<string, Curve>>;
  /** The fault that ended the run, with the node and step it points at when known. */
  readonly fault?: Failure;
  /** True when trained weights are stored for this run. */
  readonly hasWeights: boolean;
}

interface RunsSchema extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { byGraph: string; byCreated: number } };
  weights: { key: string; value: ArrayBuffer };
}

/** The order of the runs list: newest first (ties: larger id first). */
export function newestFirst(a: RunRecord, b: RunRecord): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** The runs database. Every method is async; call {@link RunsStore.close} on teardown. */
export interface RunsStore {
  put(run: RunRecord): Promise<void>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Runs newest first; only those of one graph when `graphHash` is given. */
  list(graphHash?: string): Promise<RunRecord[]>;
  /** Deletes a run and its weights. */
  delete(id: string): Promise<void>;
  putWeights(id: string, weights: ArrayBuffer): Promise<void>;
  getWeights(id: string): Promise<ArrayBuffer | undefined>;
  /**
   * Marks runs still `running` as failed: they belong to a page or worker that died. Returns
   * how many were changed.
   */
  failInterrupted(message: string): Promise<number>;
  close(): void;
}

/**
 * Opens (creating when needed) the runs database.
 * @param name - database name; tests pass a fresh one.
 */
export async function openRunsStore(name: string = RUNS_DB_NAME): Promise<RunsStore> {
  const db: IDBPDatabase<RunsSchema> = await openDB<RunsSchema>(name, DB_VERSION, {
    upgrade(d) {
      const runs = d.createObjectStore('runs', { keyPath: 'id' });
      runs.createIndex('byGraph', 'graphHash');
      runs.createIndex('byCreated', 'createdAt');
      d.createObjectStore('weights');
    },
  });
  return {
    async put(run) {
      await db.put('runs', run);
    },
    get: (id) => db.get('runs', id),
    async list(graphHash) {
      const all = graphHash === undefined ? await db.getAll('runs') : await db.getAllFromIndex('runs', 'byGraph', graphHash);
      return all.sort(newestFirst);
    },
    async delete(id) {
      const tx = db.transaction(['runs', 'weights'], 'readwrite');
      await Promise.all([tx.objectStore('runs').delete(id), tx.objectStore('weights').delete(id), tx.done]);
    },
    async putWeights(id, weights) {
      const tx = db.transaction(['runs', 'weights'], 'readwrite');
      const runs = tx.objectStore('runs');
      const run = await runs.get(id);
      if (!run) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new Error(`RUN_NOT_FOUND: no run "${id}" to attach weights to`);
      }
      await Promise.all([tx.objectStore('weights').put(weights, id), runs.put({ ...run, hasWeights: true }), tx.done]);
    },
    getWeights: (id) => db.get('weights', id),
    async failInterrupted(message) {
      const tx = db.transaction('runs', 'readwrite');
      let changed = 0;
      for (const run of await tx.store.getAll()) {
        if (run.status !== 'running') continue;
        changed++;
        await tx.store.put({ ...run, status: 'failed', fault: { code: 'RUN_INTERRUPTED', message } });
      }
      await tx.done;
      return changed;
    },
    close() {
      db.close();
    },
  };
}

/** A run id: time-ordered and unique enough for one browser profile. */
export function newRunId(now: number = Date.now()): string {
  return `run-${now.toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0')}`;
}
