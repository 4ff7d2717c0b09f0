import { defineLowering } from '../../runtime/exec/sdk.ts';
import { classDataset, classSource, type ArrayDataset } from '../_shared/arraySource.ts';
import { datasetShelf, describeDataset, type DatasetShelf } from '../_shared/datasetShelf.ts';
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
}

function shelved(shelf: DatasetShelf, name: string, size: number, sha256: string): Uint8Array {
  const held = sha256 === '' ? undefined : shelf.get(sha256);
  if (!held) throw new ImageDataError(`dataset ${describeDataset({ name, size, sha256 })} is not loaded here: in the CLI pass --data NODE.PARAM=PATH (or put it next to the graph); the editor so far loads only the datasets shipped in datasets/`);
  return held.bytes;
}

/** The examples of an image dataset node, checked: counts match, labels in range, two images per class. */
export function imageDataset(p: ImageDatasetParams, shelf: DatasetShelf = datasetShelf): ArrayDataset {
  const block = parseIdxImages(shelved(shelf, p.images, p.imagesSize, p.imagesSha256), p.images);
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
  return classDataset(toExamples(block, p), [p.height, p.width, p.channels === 'rgb' ? 3 : 1], Int32Array.from(labels));
}

/** Image dataset source: bytes from the dataset shelf, a stratified seeded split. */
export const imageDatasetLowering = defineLowering(imageDatasetSpec, {
  id: imageDatasetSpec.id,
  source({ params }) {
    return classSource(imageDataset(params), params);
  },
});
