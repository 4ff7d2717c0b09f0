/**
 * Saving graph files: with the File System Access API, the first save asks where and later
 * saves (Ctrl+S) write the same file; elsewhere the file is downloaded.
 */
import type { EditorServices } from '../hooks/EditorContext.ts';
import { fileNameFor } from '../model/openGraph.ts';
import { serializeGraphText } from '../model/graphText.ts';
import { hasSavePicker, pickSaveFile, writeHandle, type FileHandleLike } from './fileSystemAccess.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

const handles = new Map<string, FileHandleLike>();

/** Remembers the file a graph was opened from or saved to, for the next Ctrl+S. */
export function rememberHandle(graphId: string, handle: FileHandleLike): void {
  handles.set(graphId, handle);
}

/** Downloads text as a file. */
export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => { URL.revokeObjectURL(url); }, 10_000);
}

/** Saves the open graph; `saveAs` asks for a new place even when one is known. */
export async function saveToFile(services: EditorServices, saveAs = false): Promise<void> {
  const { store } = services;
  const { doc, graphId } = store.getState();
  const text = serializeGraphText(doc, store.registry);
  const name = fileNameFor(doc);
  try {
    if (hasSavePicker()) {
      let handle = saveAs ? undefined : handles.get(graphId);
      handle ??= await pickSaveFile(name);
      if (!handle) return;
      await writeHandle(handle, text);
      rememberHandle(graphId, handle);
      store.notify('info', `Saved "${handle.name}"`);
      return;
    }
    downloadText(name, text);
    store.notify('info', `Downloaded "${name}"`);
  } catch (e) {
    store.notify('error', `Could not save "${name}": ${errorMessage(e)}`);
  }
}
