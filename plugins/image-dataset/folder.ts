/**
 * The examples of an image folder (a folder pack, `folderPack.ts`): every image decoded
 * (`decodeImage.ts`), labelled by its label folder (classes numbered in the folders' sorted
 * order), resized or checked for size, and turned into float examples (`pixels.ts`).
 */
import { decodeImage } from './decodeImage.ts';
import { unpackImageFolder } from './folderPack.ts';
import { ImageDataError, type ImageBlock } from './idx.ts';
import { normaliseExamples, writeExamples, type PixelOptions } from './pixels.ts';

/** A decoded image folder: one block per image, its class and path; the label folder names. */
export interface DecodedFolder {
  readonly images: readonly ImageBlock[];
  readonly paths: readonly string[];
  readonly labels: Int32Array;
  /** Label folder names; class `i` is `labelNames[i]`. */
  readonly labelNames: readonly string[];
}

/** The files of a folder pack with their classes, before decoding. */
function folderParts(bytes: Uint8Array, name: string): { files: ReturnType<typeof unpackImageFolder>; labels: Int32Array; labelNames: string[] } {
  const files = unpackImageFolder(bytes, name);
  if (files.length === 0) throw new ImageDataError(`image folder "${name}" holds no images`);
  const labelOf = (path: string): string => path.slice(0, path.indexOf('/'));
  const labelNames = [...new Set(files.map((f) => labelOf(f.path)))].sort();
  const classOf = new Map(labelNames.map((l, i) => [l, i]));
  return { files, labels: Int32Array.from(files, (f) => classOf.get(labelOf(f.path))!), labelNames };
}

/** Decodes every image of a folder pack; `name` (the folder's) prefixes paths in messages. */
export function decodeFolder(bytes: Uint8Array, name: string): DecodedFolder {
  const { files, labels, labelNames } = folderParts(bytes, name);
  return { images: files.map((f) => decodeImage(f.bytes, `${name}/${f.path}`)), paths: files.map((f) => f.path), labels, labelNames };
}

/**
 * {@link decodeFolder} in slices of `slice` images with `pause()` awaited between them, so a
 * worker decoding tens of thousands of images keeps answering messages (its heartbeat).
 */
export async function decodeFolderInSlices(bytes: Uint8Array, name: string, pause: () => Promise<void>, slice = 500): Promise<DecodedFolder> {
  const { files, labels, labelNames } = folderParts(bytes, name);
  const images: ImageBlock[] = [];
  for (const [i, f] of files.entries()) {
    images.push(decodeImage(f.bytes, `${name}/${f.path}`));
    if (i % slice === slice - 1) await pause();
  }
  return { images, paths: files.map((f) => f.path), labels, labelNames };
}

/** How a folder becomes examples: {@link PixelOptions} and whether images are resized. */
export interface FolderOptions extends PixelOptions {
  /** False: every image must already be height × width (a mismatch names the file). */
  readonly resize: boolean;
  readonly classes: number;
  readonly evalSplit: number;
}

/**
 * The examples `[n, height, width, C]` and class ids of a decoded folder. Fails naming the folder
 * or file when there are more label folders than `classes`, when a label folder holds a single
 * image and a held-out split is asked for, or (resize off) when an image has another size.
 */
export function folderExamples(folder: DecodedFolder, name: string, opts: FolderOptions): { x: Float32Array; y: Int32Array } {
  const { labelNames, paths } = folder;
  if (labelNames.length > opts.classes) {
    throw new ImageDataError(`image folder "${name}" has ${labelNames.length} label folders (${labelNames.join(', ')}) but "classes" is ${opts.classes}: set "classes" to at least ${labelNames.length}`);
  }
  if (opts.evalSplit > 0) {
    const count = new Map<number, number>();
    for (const l of folder.labels) count.set(l, (count.get(l) ?? 0) + 1);
    const lonely = labelNames.filter((_, i) => count.get(i) === 1);
    if (lonely.length > 0) {
      const one = paths[folder.labels.indexOf(labelNames.indexOf(lonely[0]!))]!;
      throw new ImageDataError(`image folder "${name}": label folder${lonely.length > 1 ? 's' : ''} ${lonely.map((l) => `"${l}"`).join(', ')} hold${lonely.length > 1 ? '' : 's'} a single image ("${one}"); a held-out split needs at least two per class: add images, or set "evalSplit" to 0`);
    }
  }
  const perImage = opts.height * opts.width * (opts.channels === 'rgb' ? 3 : 1);
  const x = new Float32Array(folder.images.length * perImage);
  folder.images.forEach((img, i) => {
    if (!opts.resize && (img.height !== opts.height || img.width !== opts.width)) {
      throw new ImageDataError(`"${name}/${paths[i]!}" is ${img.width}×${img.height} pixels, not ${opts.width}×${opts.height} (width × height): turn "resize" on, or set height and width to the images' size`);
    }
    writeExamples(img, opts, x, i * perImage);
  });
  return { x: normaliseExamples(x, opts.normalise), y: folder.labels };
}
