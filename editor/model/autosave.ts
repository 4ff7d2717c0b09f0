/**
 * Autosave: every document change is written to the library, debounced so a drag writes once
 * at the end, and flushed at once when the page hides. The record is the graph-file text, so a
 * reload restores exactly what a saved file would (placeholders included).
 *
 * Nothing is lost silently: a save only goes over the revision this tab holds
 * (`revisionedSave.ts`), so when another tab saved the same graph first this tab is told and
 * chooses (reload theirs, keep both, overwrite); other tabs hear of each save at once
 * (`saveChannel.ts`). A graph over the size the loader accepts is not written (the last good
 * copy stays); a failed write (a full disk) is retried and shown with what to do.
 */
import { graphTextTooLarge } from '../../runtime/file/budgets.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { Registry } from '../../runtime/sdk/index.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';
import type { EditorStore } from './editorStore.ts';
import { getGraph, newGraphId, type EditorDb, type GraphRecord } from './graphDatabase.ts';
import { serializeGraphText } from './graphText.ts';
import { openGraphText } from './openGraph.ts';
import { revisionOf, saveOverRevision, storedRevision } from './revisionedSave.ts';
import { openSaveChannel } from './saveChannel.ts';

/** Where autosave stands, for the toolbar indicator. */
export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

/** How a tab settles a save conflict. */
export type ConflictChoice = 'reload' | 'copy' | 'overwrite';

/** Another tab saved the open graph after this tab last read or wrote it. */
export interface SaveConflict {
  readonly graphId: string;
  /** Name of the graph as stored. */
  readonly name: string;
}

/** A running autosave. */
export interface Autosave {
  status(): AutosaveStatus;
  /** Last error message, when status is `error`. */
  lastError(): string | undefined;
  /** The conflict to settle, when status is `conflict`. */
  conflict(): SaveConflict | undefined;
  /** Settles the conflict: load the stored graph, save this one as a copy, or write over it. */
  resolve(choice: ConflictChoice): Promise<void>;
  onStatus(listener: () => void): () => void;
  /** Writes now if anything is pending; resolves when the write is done. */
  flush(): Promise<void>;
  stop(): void;
}

/** Builds the record autosave would write for a document. */
export function recordFor(
  doc: GraphDoc,
  registry: Registry,
  id: string,
  previous: GraphRecord | undefined,
  paramCount: number,
): GraphRecord {
  const now = Date.now();
  const title =
    typeof doc.meta.title === 'string' && doc.meta.title.trim() !== '' ? doc.meta.title : undefined;
  return {
    id,
    name: title ?? previous?.name ?? 'Untitled graph',
    text: serializeGraphText(doc, registry),
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    summary: {
      nodes: Object.keys(doc.nodes).length,
      edges: Object.keys(doc.edges).length,
      params: paramCount,
      missing: [...new Set(Object.keys(doc.placeholders).map((n) => doc.nodes[n]?.type ?? '?'))].sort(),
    },
  };
}

const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 30_000;

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || /quota/i.test(errorMessage(e));
}

/** Starts autosaving `store` into `db`. */
export function startAutosave(store: EditorStore, db: EditorDb, delayMs = 300): Autosave {
  let status: AutosaveStatus = 'saved';
  let error: string | undefined;
  let conflict: SaveConflict | undefined;
  // Nothing counts as saved yet: the first flush writes the open graph and marks it current,
  // so an example or a shared graph is in the library before its first edit.
  let savedRevision = -1;
  let savedGraphId = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = FIRST_RETRY_MS;
  let writing: Promise<void> = Promise.resolve();
  /** The stored revision this tab holds, per graph (undefined: not stored when opened). */
  const held = new Map<string, number | undefined>();
  let trackedGraphId = '';
  const listeners = new Set<() => void>();
  const setStatus = (s: AutosaveStatus): void => {
    status = s;
    for (const l of [...listeners]) l();
  };
  const enqueue = (task: () => Promise<void>): Promise<void> => {
    // Tasks are chained so two saves never race and the newest state always lands last.
    writing = writing.then(task, task);
    return writing;
  };
  // The revision of a graph is read as soon as it opens, before any edit can be saved.
  const track = (graphId: string): void => {
    trackedGraphId = graphId;
    void enqueue(async () => {
      if (held.has(graphId)) return;
      held.set(graphId, await storedRevision(db, graphId).catch(() => undefined));
    });
  };
  const channel = openSaveChannel((message) => {
    const graphId = store.getState().graphId;
    if (message.graphId !== graphId || conflict !== undefined || !held.has(graphId)) return;
    if (message.revision <= (held.get(graphId) ?? 0)) return;
    conflict = { graphId, name: '' };
    void getGraph(db, graphId).then((stored) => {
      if (conflict?.graphId === graphId) conflict = { graphId, name: stored?.name ?? '' };
      setStatus('conflict');
    });
    setStatus('conflict');
  });

  const write = async (): Promise<void> => {
    if (conflict !== undefined) return;
    const { doc, graphId, revision, report } = store.getState();
    if (revision === savedRevision && graphId === savedGraphId) return;
    setStatus('saving');
    try {
      const previous = await getGraph(db, graphId);
      const record = recordFor(doc, store.registry, graphId, previous, report.paramCount);
      const tooLarge = graphTextTooLarge(record.text.length, 'This graph');
      if (tooLarge) {
        const message = `${tooLarge}, so it is not saved in the browser; the last saved copy is kept. Download it (Ctrl+S) or make it smaller.`;
        if (error !== message) store.notify('error', message);
        error = message;
        setStatus('error');
        return;
      }
      const saved = await saveOverRevision(db, record, held.get(graphId));
      if (!saved.ok) {
        conflict = { graphId, name: saved.stored.name };
        setStatus('conflict');
        return;
      }
      held.set(graphId, saved.revision);
      if (saved.written) channel.announce(graphId, saved.revision);
      savedRevision = revision;
      savedGraphId = graphId;
      error = undefined;
      retryMs = FIRST_RETRY_MS;
      const now = store.getState();
      setStatus(now.revision === revision && now.graphId === graphId ? 'saved' : 'pending');
    } catch (e) {
      const seconds = Math.round(retryMs / 1000);
      const message = isQuotaError(e)
        ? `The browser's storage for this site is full, so the latest edits are not saved yet (${errorMessage(e)}). Delete graphs you no longer need in the Library, or free disk space; retrying in ${seconds} s.`
        : `Saving in the browser failed (${errorMessage(e)}); retrying in ${seconds} s.`;
      if (error === undefined) store.notify('error', message);
      error = message;
      setStatus('error');
      // Retried without waiting for the next edit, less and less often.
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void flush(), retryMs);
      retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
    }
  };
  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    return enqueue(write);
  };
  const resolve = (choice: ConflictChoice): Promise<void> =>
    enqueue(async () => {
      const current = conflict;
      if (current === undefined) return;
      const stored = await getGraph(db, current.graphId);
      conflict = undefined;
      if (choice === 'reload' && stored) {
        held.set(current.graphId, revisionOf(stored));
        openGraphText(
          store,
          stored.text,
          `"${stored.name}" as saved in another tab`,
          current.graphId,
          stored.name,
        );
        savedRevision = store.getState().revision;
        savedGraphId = current.graphId;
        setStatus('saved');
        return;
      }
      if (choice === 'copy') {
        const { doc } = store.getState();
        const name =
          typeof doc.meta.title === 'string' && doc.meta.title !== ''
            ? doc.meta.title
            : (stored?.name ?? 'Untitled graph');
        const id = newGraphId();
        held.set(id, undefined);
        trackedGraphId = id;
        store.load({ ...doc, meta: { ...doc.meta, title: `${name} (copy)` } }, id);
      } else held.set(current.graphId, stored === undefined ? undefined : revisionOf(stored));
      savedRevision = -1;
      await write();
    });
  const unsubscribe = store.subscribe(() => {
    const { revision, graphId } = store.getState();
    if (graphId !== trackedGraphId) track(graphId);
    if (revision === savedRevision && graphId === savedGraphId) return;
    if (conflict !== undefined) return;
    if (status !== 'pending') setStatus('pending');
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  });
  track(store.getState().graphId);
  timer = setTimeout(() => void flush(), delayMs);
  return {
    status: () => status,
    lastError: () => error,
    conflict: () => conflict,
    resolve,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
    stop() {
      unsubscribe();
      channel.close();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
