/**
 * Opening graph text from any source (file, drop, share link, library, example). A text that
 * does not load shows the loader's message and changes nothing; a text that loads replaces the
 * open document as one non-recorded step (opening is not an edit).
 */
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { Diagnostic } from '../../runtime/sdk/index.ts';
import { loadGraphText } from './graphText.ts';
import type { EditorStore } from './editorStore.ts';
import { decodeShareOffThread } from './shareDecode.ts';

/** Loader warnings the plugin banner shows: a plugin at another version than the file's. */
const VERSION_CODES: ReadonlySet<string> = new Set(['FILE_PLUGIN_VERSION', 'FILE_PLUGIN_TOO_NEW']);

/** The loader's messages about plugin versions, for {@link EditorStore.load}. */
export function pluginNotesOf(warnings: readonly Diagnostic[]): string[] {
  return warnings.filter((w) => VERSION_CODES.has(w.code)).map((w) => w.message);
}

/** Parses graph text against the store's registry; reports failure as a notice. */
export function parseForStore(store: EditorStore, text: string, sourceName: string): { doc: GraphDoc; pluginNotes: string[] } | undefined {
  const r = loadGraphText(text, store.registry);
  if (!r.ok) {
    store.notify('error', `Could not open ${sourceName}: ${r.message}`);
    return undefined;
  }
  return { doc: r.doc, pluginNotes: pluginNotesOf(r.warnings) };
}

/**
 * Opens graph text as library graph `graphId`. When the file has no title, `fallbackTitle`
 * (a file name, say) becomes its title. Returns whether it opened.
 */
export function openGraphText(store: EditorStore, text: string, sourceName: string, graphId: string, fallbackTitle?: string): boolean {
  const parsed = parseForStore(store, text, sourceName);
  if (!parsed) return false;
  const { doc } = parsed;
  const titled = doc.meta.title === undefined && fallbackTitle ? { ...doc, meta: { ...doc.meta, title: fallbackTitle } } : doc;
  store.load(titled, graphId, parsed.pluginNotes);
  if (doc.placeholders && Object.keys(doc.placeholders).length > 0) {
    store.notify('info', `Opened ${sourceName} with missing plugins: ${store.getState().missingPlugins.join(', ')}`);
  }
  return true;
}

/**
 * Opens a share-link payload as a new graph; never touches the open one when it fails. The
 * link is inflated and checked against the loader's budgets off the main thread first.
 */
export async function openSharePayload(store: EditorStore, payload: string, graphId: string): Promise<boolean> {
  const decoded = await decodeShareOffThread(payload);
  if (!decoded.ok) {
    store.notify('error', `Could not open the shared link: ${decoded.message}`);
    return false;
  }
  return openGraphText(store, decoded.text, 'the shared link', graphId, 'Shared graph');
}

/** A file name for a document: its title made file-safe, ending in `.graph.json`. */
export function fileNameFor(doc: GraphDoc): string {
  const title = typeof doc.meta.title === 'string' ? doc.meta.title : 'untitled';
  const base = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'untitled';
  return `${base}.graph.json`;
}

/** A title from a file name: `two-spirals-mlp.graph.json` -> `two-spirals-mlp`. */
export function titleFromFileName(name: string): string {
  return name.replace(/\.graph\.json$/i, '').replace(/\.json$/i, '');
}
