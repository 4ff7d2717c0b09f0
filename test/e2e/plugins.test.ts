/**
 * Third-party plugins in the real editor: a graph that needs an uninstalled plugin opens with
 * a banner; installing the DeltaNet example from its module URL (after a confirmation naming
 * it) turns the placeholder into a real node, the worker trains parity with it, the install
 * survives a reload, and removing it brings the placeholder back without changing the node.
 * A standalone module installed from a local file trains in the worker too, and a file saved
 * with another plugin version says so. A standalone module installed by URL runs from its
 * confirmed copy after a reload. A scaffolded plugin in develop mode picks up a save to its
 * lowering without a reload; once it leaves develop mode (its own review) the confirmed bundle
 * is what runs, whatever the file says later.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scaffoldPlugin } from '../../cli/newPlugin.ts';
import { openViaChooser, ROOT, saveViaDownload, useEditorSession } from './harness.ts';
import { INSTALL_WAIT, installFromFile, snakeCode, spiralsWithLayer, spiralsWithSnake } from './pluginSupport.ts';

const editor = useEditorSession();

const parityText = readFileSync(join(ROOT, 'examples/plugins/deltanet/parity.graph.json'), 'utf8');

async function openPlugins(page: Page): Promise<void> {
  await page.getByTestId('btn-plugins').click();
  await page.waitForSelector('[data-testid="plugins-dialog"]');
}

async function closePlugins(page: Page): Promise<void> {
  await page.getByRole('dialog', { name: 'Plugins' }).getByRole('button', { name: 'Close' }).click();
}

/** Trains the open graph on wasm (for `steps`, or the graph's own count); returns the final status text. */
async function train(page: Page, steps?: number): Promise<string> {
  await page.getByTestId('run-dock-toggle').click();
  await page.waitForSelector('[data-testid="run-panel"]', { timeout: 120_000 });
  await page.getByTestId('run-backend').selectOption('wasm');
  if (steps !== undefined) await page.getByTestId('run-steps').fill(String(steps));
  await page.getByTestId('run-start').click();
  await page.waitForSelector('[data-testid="run-status"]:is([data-phase="done"], [data-phase="failed"])', { timeout: 300_000 });
  const fault = page.getByTestId('run-fault');
  if ((await fault.count()) > 0) throw new Error(`run failed: ${await fault.innerText()}`);
  return page.getByTestId('run-status').innerText();
}

describe('third-party plugins in the editor', () => {
  it('installs DeltaNet from its module, trains parity in the worker, keeps it across reloads, removes it', async () => {
    const { context, page, errors } = await editor.open();
    await openViaChooser(page, 'parity.graph.json', parityText);
    await expect.poll(() => page.getByTestId('missing-list').innerText()).toContain('examples.deltanet');
    await expect(page.locator('[data-testid="palette-item-examples.deltanet"]').count()).resolves.toBe(0);

    // The banner offers the install; the confirmation names the module before anything runs.
    await page.getByTestId('banner-install').click();
    await page.getByTestId('plugin-url').fill('/examples/plugins/deltanet/index.ts');
    await page.getByTestId('plugin-install-url').click();
    await expect(page.getByTestId('plugin-confirm-source').innerText()).resolves.toBe(`${editor.url.replace(/\/$/, '')}/examples/plugins/deltanet/index.ts`);
    await expect(page.getByTestId('plugin-confirm-sha').innerText()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('plugin-confirm-run').click();
    await expect.poll(() => page.getByTestId('plugin-row').innerText(), INSTALL_WAIT).toMatch(/DeltaNet\s+examples\.deltanet\s+1\.0\.0/);
    await closePlugins(page);
    await expect.poll(() => page.locator('[data-testid="missing-banner"]').count()).toBe(0);
    await page.getByTestId('palette-item-examples.deltanet').waitFor();

    // Parity of 8 bits: with β ∈ (0, 2) the CLI reaches eval accuracy 1.000 from step 100
    // (the graph runs 500 steps; 200 keep CI short and still evaluate twice).
    const started = Date.now();
    const status = await train(page, 200);
    console.info(`DeltaNet parity in the browser (wasm): ${status.replace(/\s+/g, ' ')} · ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const acc = Number(/eval acc (\S+)/.exec(status)?.[1]);
    expect(acc, status).toBeGreaterThanOrEqual(0.95);

    // Installed plugins are remembered: after a reload the graph comes back with a real node.
    await page.reload();
    await page.waitForSelector('[data-testid="app"]');
    await page.getByTestId('palette-item-examples.deltanet').waitFor();
    await page.getByTestId('node-rnn').waitFor();
    await expect(page.locator('[data-testid="missing-banner"]').count()).resolves.toBe(0);

    // Removing it turns the node back into a placeholder; saving keeps it as it was.
    await openPlugins(page);
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('plugin-remove').click();
    await page.getByTestId('plugins-empty').waitFor();
    await closePlugins(page);
    await expect.poll(() => page.getByTestId('missing-list').innerText()).toContain('examples.deltanet');
    const saved = JSON.parse(await saveViaDownload(page)) as { nodes: Record<string, unknown>; plugins: Record<string, unknown> };
    const original = JSON.parse(parityText) as typeof saved;
    expect(saved.nodes.rnn).toEqual(original.nodes.rnn);
    expect(saved.plugins['examples.deltanet']).toEqual(original.plugins['examples.deltanet']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pins a standalone module installed by URL to the confirmed code: it loads from that copy after a reload', async () => {
    const { context, page, errors } = await editor.open();
    await openPlugins(page);
    await page.getByTestId('plugin-url').fill('/examples/plugins/snake/snake.plugin.js');
    await page.getByTestId('plugin-install-url').click();
    // The SHA-256 of what the server serves (the dev server adds to the file).
    await expect(page.getByTestId('plugin-confirm-sha').innerText()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('plugin-confirm-run').click();
    await expect.poll(() => page.getByTestId('plugin-row').innerText(), INSTALL_WAIT).toMatch(/Snake\s+examples\.snake\s+1\.0\.0/);
    await closePlugins(page);
    // After a reload the module is not fetched again: it runs from the stored, confirmed copy.
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('snake.plugin.js')) fetched.push(r.url());
    });
    await page.reload();
    await page.getByTestId('palette-search').fill('snake');
    await page.getByTestId('palette-item-examples.snake').waitFor();
    expect(fetched).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('installs a standalone module from a file, notes the version the graph was saved with, and trains with it', async () => {
    const { context, page, errors } = await editor.open();
    await installFromFile(page, 'snake.plugin.js', snakeCode, createHash('sha256').update(snakeCode).digest('hex'));
    await openPlugins(page);
    await expect.poll(() => page.getByTestId('plugin-row').innerText(), INSTALL_WAIT).toMatch(/Snake\s+examples\.snake\s+1\.0\.0/);
    await closePlugins(page);
    await page.getByTestId('palette-item-examples.snake').waitFor();

    await openViaChooser(page, 'spirals-snake.graph.json', spiralsWithSnake(60, '0.9.0'));
    await expect.poll(() => page.getByTestId('plugin-notes').innerText()).toMatch(/saved with plugin "examples\.snake" 0\.9\.0; the installed version is 1\.0\.0/);
    await page.getByTestId('plugin-notes-dismiss').click();
    await expect.poll(() => page.locator('[data-testid="missing-banner"]').count()).toBe(0);
    await page.getByTestId('node-snake').waitFor();

    const status = await train(page);
    expect(status).toMatch(/step 60 \/ 60/);
    expect(Number(/loss (\S+)/.exec(status)?.[1])).toBeLessThan(0.7);
    // Saving records the installed version.
    const saved = JSON.parse(await saveViaDownload(page)) as { plugins: Record<string, { version: string }> };
    expect(saved.plugins['examples.snake']?.version).toBe('1.0.0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('develops a scaffolded plugin live: a save to its lowering reaches the open graph and the next run without a reload; the pinned install keeps the confirmed code', async () => {
    // What docs/plugins.md tells a new author: `npx netwright new-plugin <id>`, then install
    // the folder's index.ts from the dev server. test-results/ is ignored by git and served by Vite.
    const dir = join(ROOT, 'test-results', `e2e-develop-${Date.now().toString(36)}`);
    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    await scaffoldPlugin({ id: 'acme.devLayer', dir });
    const lower = join(dir, 'lower.ts');
    try {
      const { context, page, errors } = await editor.open();
      await openPlugins(page);
      await page.getByTestId('plugin-url').fill(`/${dir.slice(ROOT.length).replace(/^\//, '')}/index.ts`);
      await page.getByTestId('plugin-install-url').click();
      // The dev server bundled it (it has imports); the checkbox chooses develop mode.
      await expect.poll(() => page.getByTestId('plugin-confirm').innerText()).toMatch(/The dev server bundled it with everything it imports/);
      await page.getByTestId('plugin-confirm-develop').check();
      await page.getByTestId('plugin-confirm-run').click();
      await expect.poll(() => page.getByTestId('plugin-row').innerText(), INSTALL_WAIT).toMatch(/acme\.devLayer\s+0\.1\.0/);
      await expect(page.getByTestId('plugin-developing').innerText()).resolves.toBe('developing');
      await closePlugins(page);

      await openViaChooser(page, 'spirals-dev.graph.json', spiralsWithLayer('acme.devLayer', '0.1.0', 10));
      await page.getByTestId('node-layer').waitFor();
      await page.evaluate(() => {
        (window as unknown as { sameDocument: boolean }).sameDocument = true;
      });
      expect(await train(page)).toMatch(/step 10 \/ 10/);

      // The author saves a new lowering and a new title: the palette shows the title and the
      // next run uses the lowering, in the same document.
      const spec = join(dir, 'spec.ts');
      await writeFile(spec, (await readFile(spec, 'utf8')).replace("title: 'Dev layer',", "title: 'Dev layer v2',"));
      await writeFile(lower, (await readFile(lower, 'utf8')).replace('const scaled = tf.mul(x!, weights.w!);', "const scaled = tf.mul(x!, weights.w!);\n    if (scaled.rank > 0) throw new Error('lowering v2 ran');"));
      await openPlugins(page);
      await expect.poll(() => page.getByTestId('plugin-developing').innerText(), INSTALL_WAIT).toMatch(/^developing · \d saves? picked up$/);
      await closePlugins(page);
      await page.getByTestId('palette-search').fill('dev layer');
      await expect.poll(() => page.getByTestId('palette-item-acme.devLayer').innerText(), INSTALL_WAIT).toContain('Dev layer v2');
      expect(await page.getByTestId('palette-item-acme.devLayer').getByTestId('palette-item-developing').innerText()).toBe('developing');
      await page.getByTestId('run-start').click();
      await page.waitForSelector('[data-testid="run-status"]:is([data-phase="done"], [data-phase="failed"])', { timeout: 120_000 });
      await expect.poll(() => page.getByTestId('run-fault').innerText()).toMatch(/node "layer" \(acme\.devLayer\) failed: lowering v2 ran/);
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

      // Leaving develop mode is its own review; from then on the confirmed bundle is what runs,
      // even after the file changes again and the page reloads.
      await openPlugins(page);
      await page.getByTestId('plugin-stop-developing').click();
      await expect.poll(() => page.getByTestId('plugin-confirm-source').innerText()).toMatch(/index\.ts$/);
      await page.getByTestId('plugin-confirm-run').click();
      await expect.poll(() => page.locator('[data-testid="plugin-developing"]').count(), INSTALL_WAIT).toBe(0);
      await closePlugins(page);
      await writeFile(lower, (await readFile(lower, 'utf8')).replace("throw new Error('lowering v2 ran')", "throw new Error('lowering v3 ran')"));
      await page.reload();
      await page.getByTestId('node-layer').waitFor();
      await page.getByTestId('palette-search').fill('dev layer');
      await page.getByTestId('palette-item-acme.devLayer').waitFor();
      expect(await page.getByTestId('palette-item-developing').count()).toBe(0);
      if ((await page.getByTestId('run-dock-toggle').getAttribute('aria-expanded')) !== 'true') await page.getByTestId('run-dock-toggle').click();
      await page.waitForSelector('[data-testid="run-panel"]', { timeout: 120_000 });
      await page.getByTestId('run-backend').selectOption('wasm');
      await page.getByTestId('run-start').click();
      await page.waitForSelector('[data-testid="run-status"]:is([data-phase="done"], [data-phase="failed"])', { timeout: 120_000 });
      await expect.poll(() => page.getByTestId('run-fault').innerText()).toMatch(/lowering v2 ran/);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
