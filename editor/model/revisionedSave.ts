/**
 * Saving a graph only over the revision this tab holds. Each stored graph carries a revision
 * that every save increments; the check and the write are one IndexedDB transaction, so two
 * tabs can never both write over the same revision: the second is told, not silently lost.
 */
import type { EditorDb, GraphRecord } from './graphDatabase.ts';

/** Revision of a stored record (records from before revisions count as 0). */
export function revisionOf(record: GraphRecord | undefined): number {
  return record?.revision ?? 0;
}

/** Result of {@link saveOverRevision}. */
export type RevisionedSave =
  | { readonly ok: true; readonly revision: number; readonly written: boolean }
  | { readonly ok: false; readonly stored: GraphRecord };

/**
 * Writes `record` and marks it as the open graph, provided the stored graph is still at
 * `expected` (undefined: no stored copy expected). Text identical to the stored one is not
 * written again (`written: false`).
 * @returns the new revision, or the stored record that another tab wrote in between.
 */
export async function saveOverRevision(
  db: EditorDb,
  record: GraphRecord,
  expected: number | undefined,
): Promise<RevisionedSave> {
  const tx = db.transaction(['graphs', 'session'], 'readwrite');
  const graphs = tx.objectStore('graphs');
  const stored = await graphs.get(record.id);
  if (stored !== undefined && revisionOf(stored) !== expected) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { ok: false, stored };
  }
  const session = tx.objectStore('session');
  if (stored !== undefined && stored.text === record.text && stored.name === record.name) {
    await Promise.all([session.put({ key: 'current', graphId: record.id }), tx.done]);
    return { ok: true, revision: revisionOf(stored), written: false };
  }
  const revision = revisionOf(stored) + 1;
  const createdAt = stored?.createdAt ?? record.createdAt;
  await Promise.all([
    graphs.put({ ...record, createdAt, revision }),
    session.put({ key: 'current', graphId: record.id }),
    tx.done,
  ]);
  return { ok: true, revision, written: true };
}

/** The stored revision of a graph, or undefined when it is not stored. */
export async function storedRevision(db: EditorDb, graphId: string): Promise<number | undefined> {
  const stored = await db.get('graphs', graphId);
  return stored === undefined ? undefined : revisionOf(stored);
}
