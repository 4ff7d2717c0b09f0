/**
 * A folder of images the user picked, read in the worker: the files are read in batches
 * (progress by bytes), packed (`plugins/image-dataset/folderPack.ts`: sorted paths and contents,
 * whose SHA-256 names the folder in the graph) and every image decoded once to check it; the
 * decoding (in slices, so the worker keeps answering its heartbeat) is kept for the training
 * that follows (`rememberFolder`). Problems fail with
 * `ENGINE_DATA_FILE` naming the folder or the file.
 */
import { decodeFolderInSlices } from '../plugins/image-dataset/folder.ts';
import { rememberFolder } from '../plugins/image-dataset/lower.ts';
import { isFolderPack, packImageFolder, type FolderFile } from '../plugins/image-dataset/folderPack.ts';
import { ImageDataError } from '../plugins/image-dataset/idx.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import type { PickedFolder } from './engineApi.ts';
import { sha256Hex } from './userDatasets.ts';

/** Lets the worker answer messages (the page's heartbeat) between slices of work. */
export const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Decodes a kept folder pack in slices into the image-dataset cache (after a reload), so training does not decode it in one go. */
export async function predecodeFolder(bytes: Uint8Array, name: string, sha256: string): Promise<void> {
  if (!isFolderPack(bytes)) return;
  try {
    rememberFolder(sha256, await decodeFolderInSlices(bytes, name, pause));
  } catch {
    // the node's source reports the problem, naming the file, when the run loads it
  }
}

/** How many files are read at once. */
const READ_BATCH = 256;

/** A read, checked folder: the pack, its hash and a line saying what it holds and skipped. */
export interface ReadFolder {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly sha256: string;
  readonly summary: string;
}

async function readFiles(picked: PickedFolder, onProgress: (loaded: number, total: number) => void): Promise<FolderFile[]> {
  const total = picked.files.reduce((n, f) => n + f.file.size, 0);
  const out: FolderFile[] = [];
  let loaded = 0;
  for (let i = 0; i < picked.files.length; i += READ_BATCH) {
    const batch = picked.files.slice(i, i + READ_BATCH);
    const read = await Promise.all(batch.map(async ({ path, file }) => ({ path, bytes: new Uint8Array(await file.arrayBuffer()) })));
    out.push(...read);
    loaded += read.reduce((n, f) => n + f.bytes.length, 0);
    onProgress(loaded, total);
  }
  return out;
}

/** A warning naming the label folders that hold a single image (a held-out split refuses them), or ''. */
function lonelyWarning(labels: Int32Array, labelNames: readonly string[]): string {
  const count = new Array<number>(labelNames.length).fill(0);
  for (const l of labels) count[l]!++;
  const lonely = labelNames.filter((_, i) => count[i] === 1).map((l) => `"${l}"`);
  if (lonely.length === 0) return '';
  return `. Warning: label folder${lonely.length > 1 ? 's' : ''} ${lonely.join(', ')} hold${lonely.length > 1 ? '' : 's'} a single image; training with a held-out split ("evalSplit" > 0) will refuse ${lonely.length > 1 ? 'them' : 'it'}: add images, or set "evalSplit" to 0`;
}

/** Reads, packs, hashes and checks a picked image folder. */
export async function readImageFolder(picked: PickedFolder, onProgress: (loaded: number, total: number) => void): Promise<ReadFolder> {
  try {
    const packed = packImageFolder(picked.folder, await readFiles(picked, onProgress));
    const sha256 = await sha256Hex(packed.bytes);
    const folder = await decodeFolderInSlices(packed.bytes, picked.folder, pause);
    rememberFolder(sha256, folder);
    const { labelNames } = folder;
    const { notImages, outsideLabels } = packed.skipped;
    const skipped = notImages + outsideLabels > 0 ? `; skipped ${notImages} files that are not PNG/JPEG and ${outsideLabels} outside a label sub-folder` : '';
    const shown = labelNames.length > 12 ? `${labelNames.slice(0, 12).join(', ')}, …` : labelNames.join(', ');
    return { bytes: packed.bytes, sha256, summary: `“${picked.folder}”: ${packed.images.toLocaleString('en-US')} images in ${labelNames.length} label folders (${shown})${skipped}${lonelyWarning(folder.labels, labelNames)}` };
  } catch (e) {
    if (e instanceof ImageDataError) throw new NetwrightError('ENGINE_DATA_FILE', e.message);
    throw e;
  }
}
