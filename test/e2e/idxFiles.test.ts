/**
 * A user's own MNIST-format IDX files for an image-dataset node, through the run panel's Data
 * section and a real file chooser taking both files at once: a non-IDX file is refused by name
 * and the node keeps its data; a good pair (given labels first: the magic numbers, not the order
 * or the names, say which is which) is read and checked in the worker, both files kept in
 * IndexedDB, named on the node (names, sizes, SHA-256s) and trained on; after a reload (the graph
 * restored as the editor's autosave would) it trains again with no new pick.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idxPair } from '../support/idxFiles.ts';
import { getDoc, openOnShippedData, pickIdxFiles, trainReloadTrain } from './dataSupport.ts';
import { useRunHarness } from './runSupport.ts';

const harness = useRunHarness();
const NODE = 'data';
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const nodeParams = async (page: Page): Promise<Record<string, unknown>> => (await getDoc(page)).nodes[NODE]!.params;

describe('the user\'s own IDX files', () => {
  it('are picked together, told apart by magic number, kept, trained on and found again after a reload', async () => {
    const { page } = harness.browser;
    const before = await openOnShippedData(page, harness.server.url, 'digits-conv', NODE);
    // 60 images of 8×8, 6 of each of 10 classes.
    const { images, labels } = idxPair(10, 6, 8);

    // A labels file picked with a CSV: the CSV is named, the node unchanged.
    await pickIdxFiles(page, NODE, [{ name: 'my-labels.idx1-ubyte', bytes: labels }, { name: 'my-images.csv', bytes: new TextEncoder().encode('label,p0\n1,0\n') }]);
    const error = page.getByTestId('data-error');
    await error.filter({ hasText: '"my-images.csv" is not an IDX file' }).waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toContain(`node "${NODE}" keeps`);
    expect(await nodeParams(page)).toEqual(before);

    // The good pair, labels first.
    await pickIdxFiles(page, NODE, [{ name: 'my-labels.idx1-ubyte', bytes: labels }, { name: 'my-images.idx3-ubyte', bytes: images }]);
    await page.getByTestId('data-kept-my-images.idx3-ubyte').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByTestId('data-kept-my-labels.idx1-ubyte').waitFor({ state: 'attached' });
    expect(await page.getByTestId(`data-status-${NODE}`).textContent()).toBe('in this browser');
    expect(await page.getByTestId('data-note').textContent()).toContain('“my-images.idx3-ubyte” and “my-labels.idx1-ubyte”: 60 images of 8×8 (grayscale), labels 0–9');
    expect(await nodeParams(page)).toMatchObject({
      images: 'my-images.idx3-ubyte', imagesSize: images.length, imagesSha256: sha(images),
      labels: 'my-labels.idx1-ubyte', labelsSize: labels.length, labelsSha256: sha(labels),
    });
    // Train, reload (a fresh page and worker; both files from IndexedDB), train again.
    await trainReloadTrain(page, harness.server.url, 'digits-conv', 3);
    expect(harness.browser.errors).toEqual([]);
  }, 240_000);
});
