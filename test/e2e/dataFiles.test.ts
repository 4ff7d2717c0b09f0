/**
 * A user's own text file for a text-corpus node, through the run panel's Data section and a real
 * file chooser: the worker reads and keeps it (IndexedDB), the node names it, the graph trains;
 * after a reload (the graph restored as the editor's autosave would) it trains again with no new
 * pick; a graph whose file is not in this browser says so and its run names the dataset; an empty
 * file and a binary file are refused with the file named, and the node keeps its dataset.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getDoc, pickData, setDoc, trainReloadTrain } from './dataSupport.ts';
import { chooseBackend, openHarness, repoRoot, useRunHarness, waitForState } from './runSupport.ts';

const harness = useRunHarness();
const dir = mkdtempSync(join(tmpdir(), 'nw-data-e2e-'));
const NODE = 'data';

const pickFile = (page: Page, path: string): Promise<void> => pickData(page, NODE, path);
const corpusParams = async (page: Page): Promise<Record<string, unknown>> => (await getDoc(page)).nodes[NODE]!.params;

describe('the user\'s own text file', () => {
  it('is picked, kept, trained on, found again after a reload; missing and bad files are named', async () => {
    const { page } = harness.browser;
    const text = readFileSync(join(repoRoot, 'datasets/tinyshakespeare.txt')).subarray(0, 200_000);
    const textPath = join(dir, 'my-shakespeare.txt');
    writeFileSync(textPath, text);
    const sha = createHash('sha256').update(text).digest('hex');
    await openHarness(page, harness.server.url, { graph: 'gla-char-lm' });
    expect((await chooseBackend(page, 'wasm')).engine).toBe('ready');
    expect(Object.keys((await getDoc(page)).nodes)).toContain(NODE);
    expect(await page.getByTestId(`data-status-${NODE}`).textContent()).toBe('shipped with Netwright');

    // Bad inputs first: nothing changes on the node.
    const before = await corpusParams(page);
    writeFileSync(join(dir, 'empty.txt'), '');
    await pickFile(page, join(dir, 'empty.txt'));
    expect(await page.getByTestId('data-error').textContent()).toContain('"empty.txt" is empty (0 bytes)');
    writeFileSync(join(dir, 'image.txt'), Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await pickFile(page, join(dir, 'image.txt'));
    await page.getByText('"image.txt" is not UTF-8 text').waitFor();
    expect(await page.getByTestId('data-error').textContent()).toContain(`node "${NODE}" keeps`);
    expect(await corpusParams(page)).toEqual(before);

    // The real file: read in the worker, kept, named on the node, trained on.
    await pickFile(page, textPath);
    await page.getByTestId(`data-kept-my-shakespeare.txt`).waitFor({ state: 'attached' });
    expect(await page.getByTestId(`data-status-${NODE}`).textContent()).toBe('in this browser');
    const picked = await corpusParams(page);
    expect(picked).toMatchObject({ dataset: 'my-shakespeare.txt', size: text.length, sha256: sha });
    // Train, reload (a fresh page and worker; the file from IndexedDB), train again.
    const saved = await trainReloadTrain(page, harness.server.url, 'gla-char-lm', 2);

    // A graph whose file this browser does not have.
    const missing = { ...saved, nodes: { ...saved.nodes, [NODE]: { ...saved.nodes[NODE]!, params: { ...picked, dataset: 'lost.txt', sha256: 'ab'.repeat(32) } } } };
    await setDoc(page, missing);
    await page.getByText('not in this browser: choose the file to train').waitFor();
    await page.getByTestId('run-start').click();
    const failed = await waitForState(page, (x) => x.phase === 'failed' || x.phase === 'done', 'run end', 60_000);
    expect(failed.fault?.message).toContain('"lost.txt"');
    expect(failed.fault?.message).toContain('Data section');
    expect(harness.browser.errors).toEqual([]);
  }, 300_000);
});
