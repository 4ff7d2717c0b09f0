/**
 * Opening a graph whose dataset is not in this browser, in the real editor: the data node on the
 * canvas says so (badge naming the file) and offers "Choose file…"; the file picked there is
 * read and kept by the worker (the run dock opens on the Data section), the node then names it
 * and the badge goes; the same for an image-dataset node and a folder (a directory picker on the node).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeImageFolder } from '../support/imageFolders.ts';
import { openViaChooser, ROOT, useEditorSession, type EditorPage } from './harness.ts';

const session = useEditorSession();
const dir = mkdtempSync(join(tmpdir(), 'nw-missing-e2e-'));
let opened: EditorPage | undefined;
afterEach(async () => {
  await opened?.context.close();
  opened = undefined;
});

/**
 * Opens `graph` (its data node's params replaced by `params`), expects the badge naming
 * `missing`, picks `path` through the chooser on the node, and expects the Data section to hold
 * it (its row naming `shown`) and the badge gone.
 */
async function pickOnBadge(graph: string, params: Record<string, unknown>, missing: string, path: string, shown: string): Promise<void> {
  opened = await session.open();
  const { page } = opened;
  const file = JSON.parse(readFileSync(join(ROOT, 'graphs', graph), 'utf8')) as { nodes: Record<string, { params: Record<string, unknown> }> };
  Object.assign(file.nodes.data!.params, params);
  await openViaChooser(page, `lost-${graph}`, JSON.stringify(file));
  const badge = page.getByTestId('node-data-missing-data');
  await badge.waitFor();
  expect(await badge.textContent()).toContain(`“${missing}” is not in this browser`);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('node-data-choose-data').click()]);
  await chooser.setFiles(path);
  await page.getByTestId('data-status-data').filter({ hasText: /^in this browser$/ }).waitFor({ timeout: 120_000 });
  expect(await page.getByTestId('data-node-data').textContent()).toContain(shown);
  await badge.waitFor({ state: 'detached' });
  expect(opened.errors).toEqual([]);
}

describe('a graph whose data is missing', () => {
  it('shows a badge on the data node whose Choose file… loads the file', async () => {
    const textPath = join(dir, 'found-play.txt');
    writeFileSync(textPath, readFileSync(join(ROOT, 'datasets/tinyshakespeare.txt')).subarray(0, 50_000));
    await pickOnBadge('gla-char-lm.graph.json', { dataset: 'lost-play.txt', size: 4096, sha256: 'ab'.repeat(32) }, 'lost-play.txt', textPath, '“found-play.txt” (50,000 bytes)');
  }, 240_000);

  it('asks for an image folder on an image-dataset node, through a directory picker on the node', async () => {
    const folder = join(dir, 'scans');
    await writeImageFolder(folder, { classes: ['a', 'b', 'c'], perClass: 3, size: 8 });
    const lost = { images: 'lost-scans', imagesSize: 9999, imagesSha256: 'cd'.repeat(32), labels: '', labelsSize: 0, labelsSha256: '' };
    await pickOnBadge('digits-conv.graph.json', lost, 'lost-scans', folder, '“scans”');
  }, 240_000);
});
