import { encode as encodePng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { createDatasetShelf } from '../_shared/datasetShelf.ts';
import { decodeImage } from './decodeImage.ts';
import { decodeFolder, decodeFolderInSlices, folderExamples } from './folder.ts';
import { isFolderPack, packImageFolder, unpackImageFolder, type FolderFile } from './folderPack.ts';
import { imageDataset, type ImageDatasetParams } from './lower.ts';

/** A w×h PNG whose pixel i has value `value(i)` in every one of `channels` channels. */
function png(w: number, h: number, value: (i: number) => number, channels = 1): Uint8Array {
  const data = new Uint8Array(w * h * channels);
  for (let i = 0; i < w * h; i++) for (let c = 0; c < channels; c++) data[i * channels + c] = value(i);
  return encodePng({ width: w, height: h, data, channels, depth: 8 });
}

function jpeg(w: number, h: number, gray: number): Uint8Array {
  return new Uint8Array(encodeJpeg({ width: w, height: h, data: new Uint8Array(w * h * 4).fill(gray) }, 95).data);
}

const opts = { height: 2, width: 2, channels: 'grayscale', normalise: 'unit', resize: true, classes: 3, evalSplit: 0 } as const;

describe('image folders', () => {
  it('decodes PNG (gray, RGBA, 16-bit) and JPEG to the pixels written', () => {
    expect(Array.from(decodeImage(png(2, 1, (i) => [10, 250][i]!), 'a.png').pixels)).toEqual([10, 250]);
    const rgba = decodeImage(png(1, 1, () => 77, 4), 'b.png');
    expect([rgba.channels, ...rgba.pixels]).toEqual([3, 77, 77, 77]);
    const deep = decodeImage(encodePng({ width: 1, height: 1, data: Uint16Array.of(0x1234), channels: 1, depth: 16 }), 'c.png');
    expect(Array.from(deep.pixels)).toEqual([0x12]);
    const j = decodeImage(jpeg(8, 8, 200), 'd.jpg');
    expect([j.width, j.height, j.channels]).toEqual([8, 8, 3]);
    expect(Math.abs(j.pixels[0]! - 200)).toBeLessThanOrEqual(2);
  });

  it('packs the sorted image list, so the hash does not depend on the order files come in, and counts what it skips', () => {
    const files: FolderFile[] = [
      { path: 'b/2.png', bytes: png(2, 2, () => 1) },
      { path: 'a/1.PNG', bytes: png(2, 2, () => 2) },
      { path: 'a/notes.txt', bytes: Uint8Array.of(1) },
      { path: 'top.png', bytes: png(2, 2, () => 3) },
      { path: 'b/.hidden.png', bytes: Uint8Array.of(1) },
    ];
    const packed = packImageFolder('f', files);
    expect([packed.images, packed.skipped]).toEqual([2, { notImages: 2, outsideLabels: 1 }]);
    expect(packImageFolder('f', [...files].reverse()).bytes).toEqual(packed.bytes);
    expect(isFolderPack(packed.bytes)).toBe(true);
    expect(unpackImageFolder(packed.bytes, 'f').map((f) => f.path)).toEqual(['a/1.PNG', 'b/2.png']);
  });

  it('labels images by their sub-folder and resizes them', () => {
    const pack = packImageFolder('f', [
      { path: 'zero/x.png', bytes: png(1, 1, () => 0) },
      { path: 'one/y.jpg', bytes: jpeg(4, 4, 255) },
    ]).bytes;
    const folder = decodeFolder(pack, 'f');
    expect(folder.labelNames).toEqual(['one', 'zero']);
    const { x, y } = folderExamples(folder, 'f', opts);
    expect(Array.from(y)).toEqual([0, 1]);
    expect(x.length).toBe(8);
    expect(x[0]).toBeGreaterThan(0.98);
    expect(Array.from(x.slice(4))).toEqual([0, 0, 0, 0]);
  });

  it('decodes in slices, pausing between them, to the same result', async () => {
    const files = Array.from({ length: 5 }, (_, i) => ({ path: `c${i % 2}/${i}.png`, bytes: png(2, 2, () => i * 40) }));
    const pack = packImageFolder('f', files).bytes;
    let pauses = 0;
    const sliced = await decodeFolderInSlices(pack, 'f', () => {
      pauses++;
      return Promise.resolve();
    }, 2);
    expect(pauses).toBe(2);
    expect(sliced).toEqual(decodeFolder(pack, 'f'));
  });

  it('refuses bad folders with messages naming the folder or file', () => {
    expect(() => packImageFolder('empty', [])).toThrow('image folder "empty" has no images in label sub-folders (it holds no files)');
    expect(() => packImageFolder('f', [{ path: 'a/readme.md', bytes: Uint8Array.of(1) }])).toThrow('of its 1 files, 1 are not PNG/JPEG');
    expect(() => packImageFolder('f', [{ path: 'a/z.png', bytes: new Uint8Array(0) }])).toThrow('"f/a/z.png" is empty (0 bytes)');
    const corrupt = png(2, 2, () => 9).slice(0, 30);
    expect(() => decodeFolder(packImageFolder('f', [{ path: 'a/bad.png', bytes: corrupt }]).bytes, 'f')).toThrow('"f/a/bad.png" is not a readable PNG image');
    expect(() => decodeFolder(packImageFolder('f', [{ path: 'a/fake.jpg', bytes: Uint8Array.of(1, 2, 3) }]).bytes, 'f')).toThrow('"f/a/fake.jpg" is neither a PNG nor a JPEG');
    const mixed = decodeFolder(
      packImageFolder('f', [
        { path: 'a/1.png', bytes: png(2, 2, () => 1) },
        { path: 'a/2.png', bytes: png(3, 2, () => 1) },
        { path: 'b/3.png', bytes: png(2, 2, () => 1) },
      ]).bytes,
      'f',
    );
    expect(() => folderExamples(mixed, 'f', { ...opts, resize: false })).toThrow('"f/a/2.png" is 3×2 pixels, not 2×2');
    expect(() => folderExamples(mixed, 'f', { ...opts, evalSplit: 0.2 })).toThrow('label folder "b" holds a single image ("b/3.png")');
    expect(() => folderExamples(mixed, 'f', { ...opts, classes: 1 })).toThrow('has 2 label folders (a, b) but "classes" is 1');
    expect(folderExamples(mixed, 'f', opts).y.length).toBe(3);
  });

  it('is what the image-dataset node trains on when its images file is a folder', () => {
    const pack = packImageFolder('digits', [
      { path: '0/a.png', bytes: png(2, 2, () => 0) },
      { path: '0/b.png', bytes: png(2, 2, () => 10) },
      { path: '1/c.png', bytes: png(2, 2, () => 200) },
      { path: '1/d.png', bytes: png(2, 2, () => 255) },
    ]).bytes;
    const shelf = createDatasetShelf();
    shelf.put({ name: 'digits', size: pack.length, sha256: 'c'.repeat(64), bytes: pack });
    const p: ImageDatasetParams = { ...opts, images: 'digits', imagesSize: pack.length, imagesSha256: 'c'.repeat(64), labels: '', labelsSize: 0, labelsSha256: '', evalSplit: 0.5 };
    const ds = imageDataset(p, shelf);
    expect([ds.count, ...ds.columns.x!.exampleShape]).toEqual([4, 2, 2, 1]);
  });
});
