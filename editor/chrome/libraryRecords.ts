/**
 * Library changes that must reach inside the stored file text. A graph's title lives in its
 * file (`meta.title`) and autosave names the record after it, so renaming only the record would
 * be undone the moment the graph is opened and saved again. These keep name and title together.
 */
import type { Registry } from '../../runtime/sdk/index.ts';
import { duplicateGraph, getGraph, putGraph, type EditorDb, type GraphRecord } from '../model/graphDatabase.ts';
import { loadGraphText, serializeGraphText } from '../model/graphText.ts';

/**
 * Renames a stored graph that is not open: the library name and the title in its text. A text
 * that no longer loads keeps its bytes (it still opens with the loader's message) and only the
 * name changes. Returns the updated record, or undefined when there is no such graph.
 */
export async function renameStoredGraph(db: EditorDb, registry: Registry, id: string, name: string): Promise<GraphRecord | undefined> {
  const rec = await getGraph(db, id);
  if (!rec) return undefined;
  const loaded = loadGraphText(rec.text, registry);
  const text = loaded.ok ? serializeGraphText({ ...loaded.doc, meta: { ...loaded.doc.meta, title: name } }, registry) : rec.text;
  const renamed: GraphRecord = { ...rec, name, text, updatedAt: Date.now() };
  await putGraph(db, renamed);
  return renamed;
}

/** Copies a stored graph under a new id; the copy's name ("… (copy)") is its title too. */
export async function duplicateStoredGraph(db: EditorDb, registry: Registry, id: string): Promise<GraphRecord | undefined> {
  const copy = await duplicateGraph(db, id);
  return copy ? renameStoredGraph(db, registry, copy.id, copy.name) : undefined;
}
