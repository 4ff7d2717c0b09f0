import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { NetwrightError } from '../runtime/sdk/errors.ts';
import type { PickedFolder } from './engineApi.ts';
import { readImageFolder } from './userImageFolders.ts';

const png = (v: number): Uint8Array<ArrayBuffer> => new Uint8Array(encodePng({ width: 2, height: 2, data: new Uint8Array(4).fill(v), channels: 1, depth: 8 }));
const folder = (files: Record<string, Uint8Array<ArrayBuffer>>): PickedFolder => ({ folder: 'pets', files: Object.entries(files).map(([path, bytes]) => ({ path, file: new File([bytes], path.split('/').pop()!) })) });

describe('a picked image folder in the worker', () => {
  it('reads, packs and hashes it, reports progress, and warns about a label folder with one image', async () => {
    const progress: number[] = [];
    const read = await readImageFolder(folder({ 'cat/1.png': png(1), 'cat/2.png': png(2), 'dog/1.png': png(3), 'notes.txt': new Uint8Array(3) }), (loaded) => progress.push(loaded));
    expect(read.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(progress.at(-1)).toBeGreaterThan(0);
    expect(read.summary).toBe('“pets”: 3 images in 2 label folders (cat, dog); skipped 1 files that are not PNG/JPEG and 0 outside a label sub-folder. Warning: label folder "dog" holds a single image; training with a held-out split ("evalSplit" > 0) will refuse it: add images, or set "evalSplit" to 0');
  });

  it('refuses a corrupt image with ENGINE_DATA_FILE naming it', async () => {
    const bad = png(1).slice(0, 20);
    await expect(readImageFolder(folder({ 'cat/1.png': png(1), 'cat/bad.png': bad }), () => undefined)).rejects.toThrow(NetwrightError);
    await expect(readImageFolder(folder({ 'cat/1.png': png(1), 'cat/bad.png': bad }), () => undefined)).rejects.toThrow('"pets/cat/bad.png" is not a readable PNG image');
  });
});
