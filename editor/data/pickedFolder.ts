/**
 * The files of a directory picker (`<input type=file webkitdirectory>`) as a {@link PickedFolder}:
 * the folder's name and each file's path inside it. Only `File` handles: the bytes are read by the
 * worker, never here.
 */
import type { PickedFolder } from '../../workers/engineApi.ts';

/** The picked folder, or undefined when the picker gave no files (an empty folder). */
export function pickedFolder(files: readonly File[]): PickedFolder | undefined {
  const first = files[0];
  if (!first) return undefined;
  const rel = (f: File): string => f.webkitRelativePath || f.name;
  const top = rel(first).split('/')[0] ?? first.name;
  return { folder: top, files: files.map((file) => ({ path: rel(file).slice(top.length + 1), file })) };
}
