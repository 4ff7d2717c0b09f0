/**
 * A user's own folder of images for an image-dataset node, through the run panel's Data section
 * and a real directory picker (Playwright's file chooser given a directory): bad folders (empty,
 * a corrupt image, a 0-byte file) are refused naming the folder or file and the node keeps its
 * data; a good folder is read and checked in the worker, kept in IndexedDB, named on the node
 * (name, size, SHA-256) and trained on; after a reload (the graph restored as the editor's
 * autosave would) it trains again with no new pick.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readDatasetFile } from '../../cli/datasetFiles.ts';
import { writeImageFolder } from '../support/imageFolders.ts';
import { getDoc, pickData, trainReloadTrain } from './dataSupport.ts';
import { chooseBackend, openHarness, useRunHarness } from './runSupport.ts';

const harness = useRunHarness();
const dir = mkdtempSync(join(tmpdir(), 'nw-folder-e2e-'));
const NODE = 'data';

const pickFolder = (page: Page, path: string): Promise<void> => pickData(page, NODE, path);
const nodeParams = async (page: Page): Promise<Record<string, unknown>> => (await getDoc(page)).nodes[NODE]!.params;

async function refusedWith(page: Page, path: string, text: string): Promise<void> {
  await pickFolder(page, path);
  await page.getByTestId('data-error').filter({ hasText: text }).waitFor({ timeout: 30_000 });
}

describe('the user\'s own image folder', () => {
  it('is picked through a directory picker, checked, kept, trained on and found again after a reload', async () => {
    const { page } = harness.browser;
    await openHarness(page, harness.server.url, { graph: 'digits-conv' });
    expect((await chooseBackend(page, 'wasm')).engine).toBe('ready');
    expect(await page.getByTestId(`data-status-${NODE}`).textContent()).toBe('shipped with Netwright');
    const before = await nodeParams(page);

    // Bad folders: each named, the node unchanged.
    const corrupt = join(dir, 'corrupt');
    await writeImageFolder(corrupt, { classes: ['a', 'b'], perClass: 2, size: 8 });
    writeFileSync(join(corrupt, 'b', '1.png'), Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0));
    await refusedWith(page, corrupt, '"corrupt/b/1.png" is not a readable PNG image');
    const zero = join(dir, 'zero');
    await writeImageFolder(zero, { classes: ['a', 'b'], perClass: 2, size: 8 });
    writeFileSync(join(zero, 'a', 'blank.png'), new Uint8Array(0));
    await refusedWith(page, zero, '"zero/a/blank.png" is empty (0 bytes)');
    const loose = join(dir, 'loose');
    mkdirSync(loose);
    writeFileSync(join(loose, 'notes.txt'), 'no images here');
    await refusedWith(page, loose, 'image folder "loose" has no images in label sub-folders');
    expect(await page.getByTestId('data-error').textContent()).toContain(`node "${NODE}" keeps`);
    expect(await nodeParams(page)).toEqual(before);

    // A good folder: 3 classes of 8×8 bars, PNG and JPEG, and a file that is skipped and counted.
    const good = join(dir, 'bars');
    await writeImageFolder(good, { classes: ['low', 'middle', 'high'], perClass: 12, size: 8, jpegEvery: 4 });
    writeFileSync(join(good, 'low', 'Thumbs.db'), 'x');
    await pickFolder(page, good);
    await page.getByTestId('data-kept-bars').waitFor({ state: 'attached', timeout: 60_000 });
    expect(await page.getByTestId(`data-status-${NODE}`).textContent()).toBe('in this browser');
    expect(await page.getByTestId('data-note').textContent()).toContain('“bars”: 36 images in 3 label folders (high, low, middle); skipped 1 files that are not PNG/JPEG');
    const picked = await nodeParams(page);
    expect(picked).toMatchObject({ images: 'bars', labels: '', labelsSize: 0, labelsSha256: '' });
    // The same pack, size and SHA-256 as the CLI makes of this folder (cli/datasetFiles.ts).
    const cli = await readDatasetFile(good);
    expect(picked).toMatchObject({ imagesSize: cli.size, imagesSha256: cli.sha256 });
    // Train, reload (a fresh page and worker; the folder from IndexedDB), train again.
    await trainReloadTrain(page, harness.server.url, 'digits-conv', 3);
    expect(harness.browser.errors).toEqual([]);
  }, 300_000);
});
