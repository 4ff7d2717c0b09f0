/**
 * The File System Access API where the browser has it (Chromium), typed minimally because the
 * TypeScript DOM library does not declare the pickers. Elsewhere the editor downloads and uses
 * a file input instead.
 */

interface WritableLike {
  write(data: string): Promise<void>;
  close(): Promise<void>;
}

/** The parts of a FileSystemFileHandle the editor uses. */
export interface FileHandleLike {
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<WritableLike>;
}

interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}

interface PickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string; types: PickerType[] }) => Promise<FileHandleLike>;
  showOpenFilePicker?: (options: { types: PickerType[]; multiple: boolean }) => Promise<FileHandleLike[]>;
}

const TYPES: PickerType[] = [{ description: 'Netwright graph', accept: { 'application/json': ['.json'] } }];

function pickers(): PickerWindow {
  return window as unknown as PickerWindow;
}

/** Whether the save picker exists. */
export function hasSavePicker(): boolean {
  return typeof pickers().showSaveFilePicker === 'function';
}

/** Whether the open picker exists. */
export function hasOpenPicker(): boolean {
  return typeof pickers().showOpenFilePicker === 'function';
}

/** Asks where to save; undefined when the user cancels. */
export async function pickSaveFile(suggestedName: string): Promise<FileHandleLike | undefined> {
  try {
    return await pickers().showSaveFilePicker?.({ suggestedName, types: TYPES });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return undefined;
    throw e;
  }
}

/** Asks which file to open; undefined when the user cancels. */
export async function pickOpenFile(): Promise<FileHandleLike | undefined> {
  try {
    const handles = await pickers().showOpenFilePicker?.({ types: TYPES, multiple: false });
    return handles?.[0];
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return undefined;
    throw e;
  }
}

/** Writes text to a picked file. */
export async function writeHandle(handle: FileHandleLike, text: string): Promise<void> {
  const w = await handle.createWritable();
  await w.write(text);
  await w.close();
}
