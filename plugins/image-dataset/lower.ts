import { defineLowering } from '../../runtime/exec/sdk.ts';
import { classDataset, classSource, type ArrayDataset } from '../_shared/arraySource.ts';
import { datasetShelf, describeDataset, type DatasetShelf } from '../_shared/datasetShelf.ts';
import { decodeFolder, folderExamples, type DecodedFolder } from './folder.ts';
import { isFolderPack } from './folderPack.ts';
import { ImageDataError, parseIdxImages, parseIdxLabels } from './idx.ts';
import { toExamples, type PixelOptions } from './pixels.ts';
import { imageDatasetSpec } from './spec.ts';

/** The node params the dataset is built from. */
export interface ImageDatasetParams extends PixelOptions {
  readonly images: string;
  readonly imagesSize: number;
  readonly imagesSha256: string;
  readonly labels: string;
  readonly labelsSize: number;
  readonly labelsSha256: string;
  readonly classes: number;
  readonly evalSplit: number;
  /** Absent in callers older than image folders: resize on. */
  readonly resize?: boolean;
}

/** The last folder decoded (by SHA-256): checking it at pick time and training on it decode once. */
let lastFolder: { readonly sha256: string; readonly folder: DecodedFolder } | undefined;

/** Keeps a folder decoded elsewhere (the worker decodes in slices at pick time and after a reload). */
export function rememberFolder(sha256: string, folder: DecodedFolder): void {
  lastFolder = { sha256, folder };
}

/** Decodes a folder pack, or returns the decoding of the same pack kept from the last call. */
export function decodedFolder(bytes: Uint8Array, name: string, sha256: string): DecodedFolder {
  if (lastFolder?.sha256 !== sha256) lastFolder = { sha256, folder: decodeFolder(bytes, name) };
  return lastFolder.folder;
}

function shelved(shelf: DatasetShelf, name: string, size: number, sha256: string): Uint8Array {
  const held = sha256 === '' ? undefined : shelf.get(sha256);
  if (!held) throw new ImageDataError(`dataset ${describeDataset({ name, size, sha256 })} is not loaded here: in the CLI pass --data NODE.PARAM=PATH (or put it next to the graph); in the editor choose it in the run panel's Data section or on the node`);
  return held.bytes;
}

/** The examples of an image dataset node, checked: counts match, labels in range, two images per class. */
export function imageDataset(p: ImageDatasetParams, shelf: DatasetShelf = datasetShelf): ArrayDataset {
  const bytes = shelved(shelf, p.images, p.imagesSize, p.imagesSha256);
  const shape = [p.height, p.width, p.channels === 'rgb' ? 3 : 1];
  if (isFolderPack(bytes)) {
    const { x, y } = folderExamples(decodedFolder(bytes, p.images, p.imagesSha256), p.images, { ...p, resize: p.resize ?? true });
    return classDataset(x, shape, y);
  }
  const block = parseIdxImages(bytes, p.images);
  const labels = parseIdxLabels(shelved(shelf, p.labels, p.labelsSize, p.labelsSha256), p.labels);
  if (labels.length !== block.count) throw new ImageDataError(`"${p.images}" has ${block.count} images but "${p.labels}" has ${labels.length} labels`);
  const perClass = new Map<number, number>();
  labels.forEach((l, i) => {
    if (l >= p.classes) throw new ImageDataError(`label ${l} of image ${i} in "${p.labels}" is not below "classes" (${p.classes})`);
    perClass.set(l, (perClass.get(l) ?? 0) + 1);
  });
  if (p.evalSplit > 0) {
    const lonely = [...perClass].filter(([, n]) => n < 2).map(([l]) => l);
    if (lonely.length > 0) throw new ImageDataError(`class ${lonely.join(', ')} has a single image: a held-out split needs at least two per class (add images, or set "evalSplit" to 0)`);
  }
  if (p.resize === false && (block.height !== p.height || block.width !== p.width)) {
    throw new ImageDataError(`"${p.images}" holds ${block.width}×${block.height} images, not ${p.width}×${p.height} (width × height): turn "resize" on, or set height and width to the images' size`);
  }
  return classDataset(toExamples(block, p), shape, Int32Array.from(labels));
}

/** Image dataset source: bytes from the dataset shelf, a stratified seeded split. */
export const imageDatasetLowering = defineLowering(imageDatasetSpec, {
  id: imageDatasetSpec.id,
  source({ params }) {
    return classSource(imageDataset(params), params);
  },
});
