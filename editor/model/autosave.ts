/**
 * Autosave: every document change is written to the library, debounced so a drag writes once
 * at the end, and flushed at once when the page hides. The record is the graph-file text, so a
 * reload restores exactly what a saved file would (placeholders included).
 */
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { Registry } from '../../runtime/sdk/index.ts';
import { serializeGraphText } from './graphText.ts';
import type { EditorStore } from './editorStore.ts';
import { getGraph, putCurrentGraph, type EditorDb, type GraphRecord } from './graphDatabase.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** Where autosave stands, for the toolbar indicator. */
export type AutosaveStatus = 'saved' | 'pending' | 'saving' | 'error';

/** A running autosave. */
export interface Autosave {
  status(): AutosaveStatus;
  /** Last error message, when status is `error`. */
  lastError(): string | undefined;
  onStatus(listener: () => void): () => void;
  /** Writes now if anything is pending; resolves when the write is done. */
  flush(): Promise<void>;
  stop(): void;
}

/** Builds the record autosave would write for a document. */
export function recordFor(doc: GraphDoc, registry: Registry, id: string, previous: GraphRecord | undefined, paramCount: number): GraphRecord {
  const now = Date.now();
  const title = typeof doc.meta.title === 'string' && doc.meta.title.trim() !== '' ? doc.meta.title : undefined;
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

/** Starts autosaving `store` into `db`. */
export function startAutosave(store: EditorStore, db: EditorDb, delayMs = 300): Autosave {
  let status: AutosaveStatus = 'saved';
  let error: string | undefined;
  // Nothing counts as saved yet: the first flush writes the open graph and marks it current,
  // so an example or a shared graph is in the library before its first edit.
  let savedRevision = -1;
  let savedGraphId = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  const listeners = new Set<() => void>();
  const setStatus = (s: AutosaveStatus): void => {
    status = s;
    for (const l of [...listeners]) l();
  };

  const write = async (): Promise<void> => {
    const { doc, graphId, revision, report } = store.getState();
    if (revision === savedRevision && graphId === savedGraphId) return;
    setStatus('saving');
    try {
      const previous = await getGraph(db, graphId);
      await putCurrentGraph(db, recordFor(doc, store.registry, graphId, previous, report.paramCount));
      savedRevision = revision;
      savedGraphId = graphId;
      error = undefined;
      const now = store.getState();
      setStatus(now.revision === revision && now.graphId === graphId ? 'saved' : 'pending');
    } catch (e) {
      error = errorMessage(e);
      setStatus('error');
    }
  };
  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    // Writes are chained so two saves never race and the newest state always lands last.
    writing = writing.then(write);
    return writing;
  };
  const unsubscribe = store.subscribe(() => {
    const { revision, graphId } = store.getState();
    if (revision === savedRevision && graphId === savedGraphId) return;
    if (status !== 'pending') setStatus('pending');
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  });
  timer = setTimeout(() => void flush(), delayMs);
  return {
    status: () => status,
    lastError: () => error,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
    stop() {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
