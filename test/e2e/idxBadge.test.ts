/**
 * An image-dataset node whose IDX files are not in this browser, in the real editor: the badge on
 * the canvas node names both missing files, its "Choose IDX files…" takes the pair through one
 * real file chooser (the run dock opens on the Data section, which reads them in the worker), the
 * node then names the picked files and the badge goes; one undo brings both lost names back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idxPair } from '../support/idxFiles.ts';
import { openViaChooser, ROOT, useEditorSession } from './harness.ts';

const session = useEditorSession();

describe('an image-dataset node whose IDX files are missing', () => {
  it('asks for them on the node and takes both through one chooser', async () => {
    const opened = await session.open();
    try {
      const { page } = opened;
      const graph = JSON.parse(readFileSync(join(ROOT, 'graphs/digits-conv.graph.json'), 'utf8')) as { nodes: Record<string, { params: Record<string, unknown> }> };
      Object.assign(graph.nodes.data!.params, { images: 'lost-images.idx3-ubyte', imagesSha256: 'ef'.repeat(32), labels: 'lost-labels.idx1-ubyte', labelsSha256: '01'.repeat(32) });
      await openViaChooser(page, 'lost-idx.graph.json', JSON.stringify(graph));
      const badge = page.getByTestId('node-data-missing-data');
      await badge.filter({ hasText: '“lost-images.idx3-ubyte” and “lost-labels.idx1-ubyte” are not in this browser' }).waitFor();
      const { images, labels } = idxPair(4, 3, 8);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('node-data-choose-idx-data').click()]);
      await chooser.setFiles([
        { name: 'found-images.idx3-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from(images) },
        { name: 'found-labels.idx1-ubyte', mimeType: 'application/octet-stream', buffer: Buffer.from(labels) },
      ]);
      await page.getByTestId('data-status-data').filter({ hasText: /^in this browser$/ }).waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('data-node-data').textContent()).toContain(`“found-images.idx3-ubyte” (${images.length} bytes) with “found-labels.idx1-ubyte” (${labels.length} bytes)`);
      await badge.waitFor({ state: 'detached' });
      // Both files were one edit: one undo brings back both lost names (and the badge).
      await page.keyboard.press('Control+z');
      await badge.filter({ hasText: '“lost-images.idx3-ubyte” and “lost-labels.idx1-ubyte” are not in this browser' }).waitFor();
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  }, 240_000);
});
