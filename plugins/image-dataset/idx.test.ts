import { describe, expect, it } from 'vitest';
import { idxFile, idxPair } from '../../test/support/idxFiles.ts';
import { checkIdxPair, idxKind, ImageDataError, type NamedBytes } from './idx.ts';

const { images, labels } = idxPair(3, 4, 5);
const file = (name: string, bytes: Uint8Array): NamedBytes => ({ name, bytes });
const refused = (files: NamedBytes[]): string => {
  try {
    checkIdxPair(files);
  } catch (e) {
    expect(e).toBeInstanceOf(ImageDataError);
    return (e as Error).message;
  }
  throw new Error('checkIdxPair accepted the files');
};

describe('IDX magic numbers', () => {
  it('say images (0x803, 0x804) or labels (0x801), and nothing else', () => {
    expect(idxKind(images)).toBe('images');
    expect(idxKind(labels)).toBe('labels');
    expect(idxKind(idxFile([1, 2, 2, 3], new Uint8Array(12)))).toBe('images');
    expect(idxKind(idxFile([2, 2], new Uint8Array(4)))).toBeUndefined();
    expect(idxKind(new TextEncoder().encode('label,pixels\n'))).toBeUndefined();
    expect(idxKind(new Uint8Array(0))).toBeUndefined();
  });
});

describe('an IDX pair picked together', () => {
  it('is told apart by magic number, not by name or order, and counts images per class', () => {
    const pair = checkIdxPair([file('train-images.idx1-ubyte', labels), file('labels.bin', images)]);
    expect(pair.images.name).toBe('labels.bin');
    expect(pair.images.block).toMatchObject({ count: 12, height: 5, width: 5, channels: 1 });
    expect(pair.labels.name).toBe('train-images.idx1-ubyte');
    expect(pair.perClass).toEqual([4, 4, 4]);
  });

  it('counts a class id that no image has as zero', () => {
    const pair = checkIdxPair([file('i', idxFile([2, 1, 1], [0, 255])), file('l', idxFile([2], [0, 2]))]);
    expect(pair.perClass).toEqual([1, 0, 1]);
  });

  it('refuses a 0-byte or non-IDX file, naming it', () => {
    expect(refused([file('images.idx', images), file('empty.idx', new Uint8Array(0))])).toBe('"empty.idx" is empty (0 bytes)');
    expect(refused([file('notes.txt', new TextEncoder().encode('hello')), file('l', labels)])).toContain('"notes.txt" is not an IDX file');
    expect(refused([file('train-labels-idx1-ubyte.gz', Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0)), file('i', images)])).toBe('"train-labels-idx1-ubyte.gz" is gzip-compressed: unpack it first (gunzip "train-labels-idx1-ubyte.gz"), then choose the IDX file inside');
    expect(refused([file('matrix.idx', idxFile([2, 2], [1, 2, 3, 4])), file('l', labels)])).toBe('"matrix.idx" holds a rank-2 IDX array: neither images (magic 0x00000803) nor labels (magic 0x00000801)');
  });

  it('refuses a header that does not match the file size, naming the file', () => {
    expect(refused([file('cut.idx', images.subarray(0, images.length - 1)), file('l', labels)])).toBe('"cut.idx": the IDX header says [12, 5, 5] = 300 bytes of data, the file has 299');
  });

  it('refuses counts that disagree, naming both files', () => {
    expect(refused([file('i.idx', images), file('l.idx', idxFile([11], new Uint8Array(11)))])).toBe('"i.idx" has 12 images but "l.idx" has 11 labels: choose files that belong together');
  });

  it('refuses two files of one kind, and any number of files but two', () => {
    expect(refused([file('a', images), file('b', images)])).toBe('"a" and "b" are both IDX images files: choose one images file (magic 0x00000803) and one labels file (magic 0x00000801)');
    expect(refused([file('a', images)])).toBe('choose two IDX files at once, the images and the labels (1 chosen: "a")');
    expect(refused([file('a', images), file('b', labels), file('c', labels)])).toContain('(3 chosen: "a", "b", "c")');
  });
});
