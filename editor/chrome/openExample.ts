/**
 * Opening a bundled example (the gallery, the templates on New in `templates.ts`): the current graph is saved
 * first and the example becomes a new library graph, so nothing open is ever overwritten.
 */
import { loadExample } from '../examples.ts';
import type { EditorServices } from '../hooks/EditorContext.ts';
import { newGraphId } from '../model/graphDatabase.ts';
import { openGraphText } from '../model/openGraph.ts';

/** Opens the example `name` as a new graph; returns whether it opened (else the user was told why). */
export async function openExample(services: EditorServices, name: string): Promise<boolean> {
  const { store, autosave } = services;
  await autosave?.flush();
  const text = await loadExample(name);
  if (text === undefined) {
    store.notify('error', `The example "${name}" is not bundled with this build`);
    return false;
  }
  return openGraphText(store, text, `the example "${name}"`, newGraphId(), name);
}
