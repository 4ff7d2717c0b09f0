/**
 * Puts a new registry (plugins installed or removed) into the editor store. When the open
 * document uses a plugin that appeared, disappeared or changed version, the document is
 * re-read through the file loader with the new registry, exactly as if it had been saved and
 * opened again: placeholders become real nodes (migrated if needed) or real nodes become
 * placeholders that save back unchanged. That re-read restarts the undo history.
 */
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { Registry } from '../../runtime/sdk/index.ts';
import type { EditorStore } from '../model/editorStore.ts';
import { pluginNotesOf } from '../model/openGraph.ts';
import { loadGraphText, serializeGraphText } from '../model/graphText.ts';

/** Node types of `doc` whose plugin differs between the two registries (presence or version). */
export function changedTypes(doc: GraphDoc, before: Registry, after: Registry): string[] {
  const types = new Set(Object.values(doc.nodes).map((n) => n.type));
  return [...types].filter((t) => before.get(t)?.version !== after.get(t)?.version).sort();
}

/**
 * Swaps the store's registry; re-reads the document when its plugins changed.
 * @returns the plugin ids whose nodes were re-read
 */
export function applyRegistry(store: EditorStore, next: Registry): string[] {
  const before = store.registry;
  if (next === before) return [];
  const { doc, graphId } = store.getState();
  const changed = changedTypes(doc, before, next);
  if (changed.length === 0) {
    store.setRegistry(next);
    return [];
  }
  const text = serializeGraphText(doc, before);
  const reread = loadGraphText(text, next);
  store.setRegistry(next);
  if (!reread.ok) {
    store.notify('error', `The graph could not be re-read with the new plugins (${changed.join(', ')}): ${reread.message}`);
    return [];
  }
  store.load(reread.doc, graphId, pluginNotesOf(reread.warnings));
  return changed;
}
