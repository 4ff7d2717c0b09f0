/**
 * An image folder as one byte string (a "folder pack"), so that a folder is a dataset like any
 * file: put on the dataset shelf, kept in IndexedDB and named in a graph by name, size and
 * SHA-256. The pack's SHA-256 is the folder's hash: it covers the sorted list of image paths and
 * their contents, and nothing else (not dates, not skipped files).
 *
 * Format: the 8 ASCII bytes `NWIMGDIR`, then for each image, in the order of its path
 * `label/…/name` (JavaScript string order, `/` separators, no leading folder name): the path's
 * UTF-8 length (uint32, big-endian), the path, the file's length (uint32, big-endian) and its
 * bytes. The label of an image is the first folder of its path.
 */
import { ImageDataError } from './idx.ts';

const MAGIC = Uint8Array.from('NWIMGDIR', (c) => c.charCodeAt(0));
const IMAGE_FILE = /\.(png|jpe?g)$/i;

/** UTF-8 bytes of a path (this module runs where TextEncoder is not declared: no DOM, no Node types). */
function utf8(text: string): Uint8Array {
  const escaped = encodeURIComponent(text);
  const out: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '%') {
      out.push(parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(escaped.charCodeAt(i));
  }
  return Uint8Array.from(out);
}

/** The path that {@link utf8} encoded. */
function fromUtf8(bytes: Uint8Array): string {
  return decodeURIComponent(Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
}

/** A file of a picked folder: its path inside the folder (`label/name.png`) and its bytes. */
export interface FolderFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A packed folder and what was left out of it. */
export interface PackedFolder {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly images: number;
  /** Files that are not PNG or JPEG by their name (skipped), and files outside a label folder. */
  readonly skipped: { readonly notImages: number; readonly outsideLabels: number };
}

/** Whether an image path is skipped: hidden files, names that are not `.png`/`.jpg`/`.jpeg`. */
export function isImagePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !name.startsWith('.') && IMAGE_FILE.test(name);
}

/** The label folder of a path (its first folder), or undefined for a file at the top. */
export function labelOf(path: string): string | undefined {
  const slash = path.indexOf('/');
  return slash > 0 ? path.slice(0, slash) : undefined;
}

/** The paths a pack holds, sorted as packed (exported so hosts can read files in that order). */
export function packOrder(paths: readonly string[]): string[] {
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Packs the images of a folder. Fails naming the folder when no image is in a label folder, and
 * naming the file when an image is empty (0 bytes).
 */
export function packImageFolder(folder: string, files: readonly FolderFile[]): PackedFolder {
  let notImages = 0;
  let outsideLabels = 0;
  const kept: FolderFile[] = [];
  for (const f of files) {
    if (!isImagePath(f.path)) notImages++;
    else if (labelOf(f.path) === undefined) outsideLabels++;
    else if (f.bytes.length === 0) throw new ImageDataError(`"${folder}/${f.path}" is empty (0 bytes): remove it or replace it with the image`);
    else kept.push(f);
  }
  if (kept.length === 0) {
    const why = files.length === 0 ? 'it holds no files' : `of its ${files.length} files, ${notImages} are not PNG/JPEG and ${outsideLabels} are not in a label sub-folder`;
    throw new ImageDataError(`image folder "${folder}" has no images in label sub-folders (${why}): put the images of each class in a sub-folder named after the class`);
  }
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const paths = kept.map((f) => utf8(f.path));
  const size = MAGIC.length + kept.reduce((n, f, i) => n + 8 + paths[i]!.length + f.bytes.length, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  let at = MAGIC.length;
  kept.forEach((f, i) => {
    const path = paths[i]!;
    view.setUint32(at, path.length, false);
    bytes.set(path, at + 4);
    at += 4 + path.length;
    view.setUint32(at, f.bytes.length, false);
    bytes.set(f.bytes, at + 4);
    at += 4 + f.bytes.length;
  });
  return { bytes, images: kept.length, skipped: { notImages, outsideLabels } };
}

/** Whether bytes are a folder pack (rather than an IDX file). */
export function isFolderPack(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** The files of a folder pack, in pack order; `name` (the folder's) is for messages. */
export function unpackImageFolder(bytes: Uint8Array, name: string): FolderFile[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files: FolderFile[] = [];
  let at = MAGIC.length;
  const cut = (): never => {
    throw new ImageDataError(`image folder "${name}": its stored copy is cut short at byte ${at}; pick the folder again`);
  };
  while (at < bytes.length) {
    if (at + 4 > bytes.length) cut();
    const pathLength = view.getUint32(at, false);
    if (at + 8 + pathLength > bytes.length) cut();
    const path = fromUtf8(bytes.subarray(at + 4, at + 4 + pathLength));
    at += 4 + pathLength;
    const length = view.getUint32(at, false);
    if (at + 4 + length > bytes.length) cut();
    files.push({ path, bytes: bytes.subarray(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  return files;
}
