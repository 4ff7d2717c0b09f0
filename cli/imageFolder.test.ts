import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeImageFolder } from '../test/support/imageFolders.ts';
import { useTempDir } from '../test/support/tempDir.ts';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured } from './testkit.ts';

const dir = useTempDir('nw-image-folder-');

/** The digits conv example, on `images` (nothing recorded), trained 3 steps. */
async function graphOn(images: string, extra: Record<string, unknown> = {}): Promise<string> {
  const file = JSON.parse(await readFile(join(REPO_ROOT, 'graphs/digits-conv.graph.json'), 'utf8')) as { nodes: Record<string, { params: Record<string, unknown> }> };
  Object.assign(file.nodes.data!.params, { images, imagesSize: 0, imagesSha256: '', labels: '', labelsSize: 0, labelsSha256: '', classes: 3, ...extra });
  Object.assign(file.nodes.logits!.params, { units: 3 });
  Object.assign(file.nodes.opt!.params, { steps: 3, batchSize: 8, evalEvery: 0 });
  const graph = join(dir(), `g${Math.random().toString(36).slice(2)}.graph.json`);
  await writeFile(graph, JSON.stringify(file));
  return graph;
}

describe('train on a folder of images', () => {
  it('packs the folder, labels by sub-folder, skips and counts other files, and records name, size and SHA-256', async () => {
    const folder = join(dir(), 'shapes');
    await writeImageFolder(folder, { classes: ['bar0', 'bar1', 'bar2'], perClass: 4, size: 12, jpegEvery: 3 });
    await writeFile(join(folder, 'README.txt'), 'not an image');
    await writeFile(join(folder, 'bar0', 'notes.md'), 'nor this');
    await writeFile(join(folder, 'stray.png'), await readFile(join(folder, 'bar1', '0.png')));
    const graph = await graphOn('shapes');
    const saved = join(dir(), 'saved.graph.json');
    const r = await runCliCaptured('train', graph, '--data', `data=${folder}`, '--save-graph', saved);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.err).toContain('data: node "data": 12 images as 8×8×1 from folder shapes (12 images; skipped 2 files that are not PNG/JPEG and 1 outside a label sub-folder)');
    const params = (JSON.parse(await readFile(saved, 'utf8')) as { nodes: { data: { params: Record<string, unknown> } } }).nodes.data.params;
    expect(params).toMatchObject({ images: 'shapes', labels: '', labelsSize: 0, labelsSha256: '' });
    expect(params.imagesSha256).toMatch(/^[0-9a-f]{64}$/);
    // Found again by name next to the graph, same hash: no --data needed.
    expect((await runCliCaptured('train', saved)).code).toBe(0);
  });

  it('refuses an empty folder, a corrupt image and mismatched sizes with resize off, naming folder and file', async () => {
    await mkdir(join(dir(), 'empty'));
    const empty = await runCliCaptured('train', await graphOn('empty'));
    expect(empty.code).toBe(1);
    expect(empty.out).toContain('data/images: image folder "empty" has no images in label sub-folders (it holds no files)');
    const bad = join(dir(), 'bad');
    await writeImageFolder(bad, { classes: ['a', 'b'], perClass: 2, size: 8 });
    await writeFile(join(bad, 'b', '1.png'), Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0));
    expect((await runCliCaptured('train', await graphOn('bad'))).out).toContain('data/images: "bad/b/1.png" is not a readable PNG image');
    const mixed = join(dir(), 'mixed');
    await writeImageFolder(mixed, { classes: ['a', 'b'], perClass: 2, size: 8 });
    await writeImageFolder(join(mixed, 'b', 'big'), { classes: ['c'], perClass: 1, size: 10 });
    const r = await runCliCaptured('train', await graphOn('mixed', { resize: false }));
    expect(r.out).toContain('data/images: "mixed/b/big/c/0.png" is 10×10 pixels, not 8×8 (width × height): turn "resize" on');
  });
});
