import { describe, expect, it } from 'vitest';
import { idxFile, idxPair } from '../test/support/idxFiles.ts';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import { readIdxFiles } from './userIdxFiles.ts';

const sha = async (bytes: Uint8Array<ArrayBuffer>): Promise<string> => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
const picked = (...files: [string, Uint8Array<ArrayBuffer>][]) => ({ idxFiles: files.map(([name, bytes]) => new File([bytes], name)) });

describe('a picked IDX pair in the worker', () => {
  it('reads both files with progress, tells them apart by magic number and hashes each', async () => {
    const { images, labels } = idxPair(3, 4, 5);
    const progress: number[] = [];
    const read = await readIdxFiles(picked(['b.idx', labels], ['a.idx', images]), (loaded, total) => {
      expect(total).toBe(images.length + labels.length);
      progress.push(loaded);
    });
    expect(progress.at(-1)).toBe(images.length + labels.length);
    expect(read.images).toMatchObject({ name: 'a.idx', sha256: await sha(images) });
    expect(read.labels).toMatchObject({ name: 'b.idx', sha256: await sha(labels) });
    expect(read.classes).toBe(3);
    expect(read.summary).toBe('“a.idx” and “b.idx”: 12 images of 5×5 (grayscale), labels 0–2');
  });

  it('warns about a class with a single image', async () => {
    const read = await readIdxFiles(picked(['i', idxFile([3, 1, 1], [1, 2, 3])], ['l', idxFile([3], [0, 0, 1])]), () => undefined);
    expect(read.summary).toContain('Warning: class 1 has a single image');
  });

  it('refuses a 0-byte file before reading, and a non-IDX file, with ENGINE_DATA_FILE naming it', async () => {
    const { images } = idxPair(2, 2, 2);
    const empty = readIdxFiles(picked(['images', images], ['labels.idx', new Uint8Array(0)]), () => undefined);
    await expect(empty).rejects.toThrow(NetwrightError);
    await expect(empty).rejects.toThrow('"labels.idx" is empty (0 bytes)');
    const text = readIdxFiles(picked(['images', images], ['labels.csv', new TextEncoder().encode('0\n1\n')]), () => undefined);
    await expect(text).rejects.toMatchObject({ code: 'ENGINE_DATA_FILE' });
    await expect(text).rejects.toThrow('"labels.csv" is not an IDX file');
  });
});
