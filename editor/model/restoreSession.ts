/**
 * What opens when the editor starts: a share link in the URL (as a new graph, never over an
 * existing one), else the graph open last time, else the bundled example, else an empty graph.
 */
import { emptyGraph } from '../../runtime/graph/types.ts';
import type { EditorStore } from './editorStore.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';
import { getCurrentGraphId, getGraph, newGraphId, type EditorDb, type GraphRecord } from './graphDatabase.ts';
import { openGraphText, openSharePayload } from './openGraph.ts';
import { sharePayloadFromHash } from './shareLink.ts';

/** Where the opened graph came from. */
export type RestoreSource = 'share' | 'restored' | 'example' | 'empty';

/** Inputs of {@link restoreSession}. */
export interface RestoreOptions {
  /** `location.hash`. */
  readonly hash: string;
  /** Loads the example graph text, or undefined when there is none. */
  readonly example: () => Promise<string | undefined>;
}

/** Opens the right graph into `store`. */
export async function restoreSession(store: EditorStore, db: EditorDb, options: RestoreOptions): Promise<RestoreSource> {
  const payload = sharePayloadFromHash(options.hash);
  if (payload !== undefined && (await openSharePayload(store, payload, newGraphId()))) return 'share';
  let rec: GraphRecord | undefined;
  try {
    const currentId = await getCurrentGraphId(db);
    rec = currentId === undefined ? undefined : await getGraph(db, currentId);
  } catch (e) {
    // A failing database must not leave a blank editor: say so and open the example. The
    // stored graphs are untouched (the example gets a new id, so nothing is written over them).
    store.notify('error', `Local storage is unavailable, so the last graph could not be restored (${errorMessage(e)}). Opened the example; download your work (Ctrl+S) to keep it.`);
  }
  if (rec && openGraphText(store, rec.text, `"${rec.name}" from the local library`, rec.id, rec.name)) return 'restored';
  const example = await options.example().catch(() => undefined);
  if (example !== undefined && openGraphText(store, example, 'the example graph', newGraphId())) return 'example';
  store.load(emptyGraph({ title: 'Untitled graph' }), newGraphId());
  return 'empty';
}
