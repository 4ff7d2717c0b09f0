/**
 * Opening graph files: from the open picker, a file input, or a file dropped on the canvas.
 * An opened file becomes a new graph in the library; the graph open before is saved first and
 * stays in the library. A file that fails to load shows the loader's message and changes nothing.
 */
import type { EditorServices } from '../hooks/EditorContext.ts';
import { newGraphId } from '../model/graphDatabase.ts';
import { openGraphText, titleFromFileName } from '../model/openGraph.ts';
import { hasOpenPicker, pickOpenFile } from './fileSystemAccess.ts';
import { rememberHandle } from './saveFiles.ts';
import { errorMessage } from '../../runtime/sdk/index.ts';

/** Largest file the editor reads (the loader has its own, similar limit). */
export const MAX_OPEN_BYTES = 20 * 1024 * 1024;

/** Opens a File object; returns whether it opened. */
export async function openDroppedFile(services: EditorServices, file: File): Promise<boolean> {
  const { store, autosave } = services;
  if (file.size > MAX_OPEN_BYTES) {
    store.notify('error', `Could not open "${file.name}": it is ${file.size} bytes; the limit is ${MAX_OPEN_BYTES}`);
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    store.notify('error', `Could not read "${file.name}": ${errorMessage(e)}`);
    return false;
  }
  await autosave?.flush();
  return openGraphText(store, text, `"${file.name}"`, newGraphId(), titleFromFileName(file.name));
}

function viaInput(): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json';
    input.dataset.testid = 'file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files?.[0]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(undefined);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

/** Lets the user pick a graph file and opens it. */
export async function openFromPicker(services: EditorServices): Promise<void> {
  if (hasOpenPicker()) {
    const handle = await pickOpenFile();
    if (!handle) return;
    if (await openDroppedFile(services, await handle.getFile())) rememberHandle(services.store.getState().graphId, handle);
    return;
  }
  const file = await viaInput();
  if (file) await openDroppedFile(services, file);
}
