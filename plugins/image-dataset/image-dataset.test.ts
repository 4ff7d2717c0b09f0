import { describe, expect, it } from 'vitest';
import { createDatasetShelf } from '../_shared/datasetShelf.ts';
import { parseIdxImages, parseIdxLabels } from './idx.ts';
import { imageDataset, type ImageDatasetParams } from './lower.ts';
import { toExamples } from './pixels.ts';

/** An IDX file: magic 0x0000 08 rank, big-endian dims, then the bytes. */
function idx(dims: number[], data: number[]): Uint8Array {
  const head = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(head.buffer);
  head[2] = 0x08;
  head[3] = dims.length;
  dims.forEach((d, i) => { view.setUint32(4 + 4 * i, d, false); });
  return Uint8Array.from([...head, ...data]);
}

const params = (over: Partial<ImageDatasetParams> = {}): ImageDatasetParams => ({
  images: 'i.idx',
  imagesSize: 0,
  imagesSha256: 'a'.repeat(64),
  labels: 'l.idx',
  labelsSize: 0,
  labelsSha256: 'b'.repeat(64),
  height: 2,
  width: 2,
  channels: 'grayscale',
  normalise: 'unit',
  classes: 3,
  evalSplit: 0.5,
  ...over,
});

function shelfWith(images: Uint8Array, labels: Uint8Array) {
  const shelf = createDatasetShelf();
  shelf.put({ name: 'i.idx', size: images.length, sha256: 'a'.repeat(64), bytes: images });
  shelf.put({ name: 'l.idx', size: labels.length, sha256: 'b'.repeat(64), bytes: labels });
  return shelf;
}

describe('IDX files', () => {
  it('parses images and labels', () => {
    const b = parseIdxImages(idx([2, 1, 2], [0, 255, 10, 20]), 'i.idx');
    expect([b.count, b.height, b.width, b.channels]).toEqual([2, 1, 2, 1]);
    expect(Array.from(parseIdxLabels(idx([2], [1, 0]), 'l.idx'))).toEqual([1, 0]);
  });

  it('refuses an empty file, another format, a header that disagrees with the length, and swapped files', () => {
    expect(() => parseIdxImages(new Uint8Array(0), 'e.idx')).toThrow('"e.idx" is empty (0 bytes)');
    expect(() => parseIdxImages(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), 'p.png')).toThrow('"p.png" is not an IDX file');
    expect(() => parseIdxImages(idx([2, 2, 2], [1, 2, 3]), 'i.idx')).toThrow('the IDX header says [2, 2, 2] = 8 bytes of data, the file has 3');
    expect(() => parseIdxImages(idx([2], [1, 0]), 'l.idx')).toThrow('(is it a labels file?)');
    expect(() => parseIdxLabels(idx([1, 1, 1], [1]), 'i.idx')).toThrow('(is it an images file?)');
  });
});

describe('image dataset', () => {
  it('resizes bilinearly, converts to RGB and normalises', () => {
    const block = parseIdxImages(idx([1, 1, 2], [0, 255]), 'i.idx');
    expect(Array.from(toExamples(block, { height: 1, width: 4, channels: 'grayscale', normalise: 'unit' }))).toEqual([0, 0.25, 0.75, 1]);
    expect(Array.from(toExamples(block, { height: 1, width: 2, channels: 'rgb', normalise: 'unit' }))).toEqual([0, 0, 0, 1, 1, 1]);
    const std = toExamples(block, { height: 1, width: 2, channels: 'grayscale', normalise: 'standard' });
    expect(Array.from(std)).toEqual([-1, 1]);
  });

  it('builds examples and labels from the shelf', () => {
    const ds = imageDataset(params({ height: 1, width: 1 }), shelfWith(idx([4, 1, 1], [0, 51, 102, 255]), idx([4], [0, 1, 0, 1])));
    expect(ds.count).toBe(4);
    expect(Array.from(ds.columns.x!.data)).toEqual(Array.from(Float32Array.from([0, 0.2, 0.4, 1])));
    expect(ds.columns.x!.exampleShape).toEqual([1, 1, 1]);
    expect(Array.from(ds.columns.y!.data)).toEqual([0, 1, 0, 1]);
  });

  it('names mismatched counts, a label out of range, a class with one image and a missing file', () => {
    const four = idx([4, 1, 1], [0, 1, 2, 3]);
    expect(() => imageDataset(params(), shelfWith(four, idx([3], [0, 1, 0])))).toThrow('"i.idx" has 4 images but "l.idx" has 3 labels');
    expect(() => imageDataset(params(), shelfWith(four, idx([4], [0, 1, 5, 1])))).toThrow('label 5 of image 2 in "l.idx" is not below "classes" (3)');
    expect(() => imageDataset(params(), shelfWith(four, idx([4], [0, 1, 1, 2])))).toThrow('class 0, 2 has a single image: a held-out split needs at least two per class');
    expect(imageDataset(params({ evalSplit: 0 }), shelfWith(four, idx([4], [0, 1, 1, 2]))).count).toBe(4);
    expect(() => imageDataset(params(), createDatasetShelf())).toThrow('dataset "i.idx" (0 bytes, SHA-256 aaaaaaaaaaaa…) is not loaded here');
  });
});
