/**
 * The local library in IndexedDB (through idb). Each graph is stored as graph-file text, the
 * same bytes a download would hold, so restoring goes through the file loader (migrations,
 * validation, placeholders) exactly like opening a file. One put per save: IndexedDB
 * transactions are atomic, so a crash leaves either the old or the new version, never half.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** One graph in the library. */
export interface GraphRecord {
  readonly id: string;
  readonly name: string;
  /** Graph-file text. */
  readonly text: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /**
   * Counts the saves of this graph (absent in records written before revisions: read as 0).
   * A tab saves only over the revision it holds (`revisionedSave.ts`).
   */
  readonly revision?: number;
  /** Summary for the library list, computed when saved. */
  readonly summary: { readonly nodes: number; readonly edges: number; readonly params: number; readonly missing: readonly string[] };
}

interface EditorDbSchema extends DBSchema {
  graphs: { key: string; value: GraphRecord; indexes: { updatedAt: number } };
  session: { key: string; value: { key: string; graphId: string } };
}

/** The opened database. */
export type EditorDb = IDBPDatabase<EditorDbSchema>;

/** Database name; tests pass their own to stay isolated. */
export const EDITOR_DB_NAME = 'netwright-editor';

/** Opens (creating or upgrading) the editor database. */
export function openEditorDb(name = EDITOR_DB_NAME): Promise<EditorDb> {
  return openDB<EditorDbSchema>(name, 1, {
    upgrade(db) {
      const graphs = db.createObjectStore('graphs', { keyPath: 'id' });
      graphs.createIndex('updatedAt', 'updatedAt');
      db.createObjectStore('session', { keyPath: 'key' });
    },
  });
}

/** A new, unique library id. */
export function newGraphId(): string {
  return `g-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Every graph, most recently changed first. */
export async function listGraphs(db: EditorDb): Promise<GraphRecord[]> {
  return (await db.getAllFromIndex('graphs', 'updatedAt')).reverse();
}

/** One graph, or undefined. */
export function getGraph(db: EditorDb, id: string): Promise<GraphRecord | undefined> {
  return db.get('graphs', id);
}

/** Writes a graph record (insert or replace). */
export async function putGraph(db: EditorDb, record: GraphRecord): Promise<void> {
  await db.put('graphs', record);
}

/** Writes a graph and marks it as the open one, in one atomic transaction. */
export async function putCurrentGraph(db: EditorDb, record: GraphRecord): Promise<void> {
  const tx = db.transaction(['graphs', 'session'], 'readwrite');
  await Promise.all([tx.objectStore('graphs').put(record), tx.objectStore('session').put({ key: 'current', graphId: record.id }), tx.done]);
}

/** Renames a graph; returns false when it does not exist. */
export async function renameGraph(db: EditorDb, id: string, name: string): Promise<boolean> {
  const tx = db.transaction('graphs', 'readwrite');
  const rec = await tx.store.get(id);
  if (rec) await tx.store.put({ ...rec, name, updatedAt: Date.now() });
  await tx.done;
  return rec !== undefined;
}

/** Copies a graph under a new id and name; returns the copy. */
export async function duplicateGraph(db: EditorDb, id: string): Promise<GraphRecord | undefined> {
  const rec = await getGraph(db, id);
  if (!rec) return undefined;
  const now = Date.now();
  const copy: GraphRecord = { ...rec, id: newGraphId(), name: `${rec.name} (copy)`, createdAt: now, updatedAt: now };
  await putGraph(db, copy);
  return copy;
}

/** Deletes a graph. */
export async function deleteGraph(db: EditorDb, id: string): Promise<void> {
  await db.delete('graphs', id);
}

/** The graph open when the page last saved, if any. */
export async function getCurrentGraphId(db: EditorDb): Promise<string | undefined> {
  return (await db.get('session', 'current'))?.graphId;
}

/** Remembers which graph is open. */
export async function setCurrentGraphId(db: EditorDb, graphId: string): Promise<void> {
  await db.put('session', { key: 'current', graphId });
}
