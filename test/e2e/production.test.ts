/**
 * Production-build smoke test: `vite build` with the project's config into a temporary folder,
 * `vite preview` over it, and the built editor in headless Chromium. The dev-server tests never
 * see the bundled worker, the hashed .wasm URLs or the lazy chunks (examples, elkjs); this does:
 * the example renders without a console error, a short wasm run in the run dock trains, and
 * auto-layout loads its chunk, and a standalone plugin module installed from a file trains in
 * the built worker, as does a scaffolded TypeScript plugin bundled with `netwright plugin
 * bundle`, which stays installed across a reload. The build folder is removed afterwards.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openEditor, openViaChooser, ROOT, summaryTotals } from './harness.ts';
import { installFromFile, snakeCode, spiralsWithLayer, spiralsWithSnake } from './pluginSupport.ts';
import { bundlePlugin } from '../../cli/bundlePlugin.ts';
import { scaffoldPlugin } from '../../cli/newPlugin.ts';

let outDir = '';
let server: PreviewServer | undefined;
let url = '';
let browser: Browser | undefined;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'nw-dist-'));
  // The project's config as `npm run build` uses it; source maps are left out only to save time.
  await build({ root: ROOT, configFile: `${ROOT}/vite.config.ts`, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  server = await preview({
    root: ROOT,
    configFile: `${ROOT}/vite.config.ts`,
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const local = server.resolvedUrls?.local[0];
  if (!local) throw new Error('vite preview did not report a local URL');
  url = local;
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** `expect.poll` with room for a busy 2-core machine (its default gives up after 1 s). */
function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 20_000 });
}

describe('production build', () => {
  it('opens the example without console errors, trains it on wasm from the run dock, and lays it out', async () => {
    if (!browser) throw new Error('no browser');
    const { context, page, errors, consoleErrors } = await openEditor(browser, url);
    const failed: string[] = [];
    const loaded: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${String(r.status())} ${r.url()}`);
      else loaded.push(new URL(r.url()).pathname);
    });
    await page.getByTestId('node-h1').waitFor();
    await poll(() => summaryTotals(page)).toMatch(/^8 nodes/);
    await poll(() => page.locator('.react-flow__edge').count()).toBe(9);

    // The bundled worker loads tfjs and the hashed .wasm files, then trains.
    await page.getByRole('button', { name: '▸ Training' }).click();
    await page.getByTestId('run-panel').waitFor({ timeout: 120_000 });
    await page.getByTestId('run-backend').selectOption('wasm');
    await page.getByTestId('run-steps').fill('40');
    await page.getByTestId('run-start').click();
    const status = page.getByTestId('run-status');
    // Wait for the run to end either way, so a broken worker or .wasm path fails fast and says so.
    await page.waitForSelector('[data-testid="run-status"]:is([data-phase="done"], [data-phase="failed"], [data-phase="stopped"])', { timeout: 180_000 });
    expect(await status.getAttribute('data-phase'), await page.getByTestId('run-panel').innerText()).toBe('done');
    expect(await status.getAttribute('data-step')).toBe('40');
    const loss = Number((await page.getByTestId('run-loss').innerText()).replace(/[^0-9.e-]/g, ''));
    expect(Number.isFinite(loss) && loss > 0).toBe(true);
    // The engine falls back to another backend when wasm cannot start: it must not have.
    expect(await page.getByTestId('run-backend-status').getAttribute('data-backend'), await page.getByTestId('run-panel').innerText()).toBe('wasm');
    // ...and it was the built worker and the built .wasm that did it.
    expect(loaded.some((p) => /^\/assets\/engine\.worker-[\w-]+\.js$/.test(p)), loaded.join(' ')).toBe(true);
    expect(loaded.some((p) => /^\/assets\/tfjs-backend-wasm[\w-]*\.wasm$/.test(p)), loaded.join(' ')).toBe(true);

    // Auto-layout imports elkjs lazily: its chunk must load from the build too.
    // Training never edits the graph, so an undo step appears only once the layout has moved nodes.
    const undo = page.getByRole('button', { name: 'Undo' });
    expect(await undo.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Layout' }).click();
    await poll(() => undo.isEnabled()).toBe(true);
    expect(await page.getByTestId('notice-error').count()).toBe(0);

    // A standalone plugin module installed from a file loads on the page and in the built worker.
    await installFromFile(page, 'snake.plugin.js', snakeCode, createHash('sha256').update(snakeCode).digest('hex'));
    await openViaChooser(page, 'spirals-snake.graph.json', spiralsWithSnake(20, '1.0.0'));
    await page.getByTestId('node-snake').waitFor();
    await page.getByTestId('run-steps').fill('20');
    await page.getByTestId('run-start').click();
    await page.waitForSelector('[data-testid="run-status"][data-step="20"]:is([data-phase="done"], [data-phase="failed"])', { timeout: 180_000 });
    expect(await status.getAttribute('data-phase'), await page.getByTestId('run-panel').innerText()).toBe('done');

    expect(errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  }, 300_000);

  it('installs a scaffolded plugin bundled by `netwright plugin bundle` from a file, trains with it, and keeps it across a reload', async () => {
    if (!browser) throw new Error('no browser');
    const dir = mkdtempSync(join(tmpdir(), 'nw-plugin-'));
    try {
      await scaffoldPlugin({ id: 'acme.shared', dir: join(dir, 'acme.shared') });
      const bundle = await bundlePlugin(join(dir, 'acme.shared', 'index.ts'), 'acme.shared');
      const { context, page, errors, consoleErrors } = await openEditor(browser, url);
      await installFromFile(page, 'acme.shared.plugin.js', bundle.text, bundle.fileSha256);
      await openViaChooser(page, 'spirals-shared.graph.json', spiralsWithLayer('acme.shared', '0.1.0', 20));
      await page.getByTestId('node-layer').waitFor();
      const status = page.getByTestId('run-status');
      await page.getByRole('button', { name: '▸ Training' }).click();
      await page.getByTestId('run-panel').waitFor({ timeout: 120_000 });
      await page.getByTestId('run-backend').selectOption('wasm');
      await page.getByTestId('run-start').click();
      await page.waitForSelector('[data-testid="run-status"]:is([data-phase="done"], [data-phase="failed"])', { timeout: 180_000 });
      expect(await status.getAttribute('data-phase'), await page.getByTestId('run-panel').innerText()).toBe('done');
      expect(await status.getAttribute('data-step')).toBe('20');

      // Installed from a file, it is kept in this browser: after a reload the node is real.
      await page.reload();
      await page.getByTestId('node-layer').waitFor();
      await poll(() => page.locator('[data-testid="missing-banner"]').count()).toBe(0);
      await page.getByTestId('palette-search').fill('acme');
      await page.getByTestId('palette-item-acme.shared').waitFor();
      expect(errors).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await context.close();

      // The same file shared by URL (here: served next to the build) installs the same way.
      writeFileSync(join(outDir, 'acme.shared.plugin.js'), bundle.text);
      const byUrl = await openEditor(browser, url);
      await byUrl.page.getByTestId('btn-plugins').click();
      await byUrl.page.getByTestId('plugin-url').fill('/acme.shared.plugin.js');
      await byUrl.page.getByTestId('plugin-install-url').click();
      await poll(() => byUrl.page.getByTestId('plugin-confirm-sha').innerText()).toBe(bundle.fileSha256);
      await byUrl.page.getByTestId('plugin-confirm-run').click();
      await poll(() => byUrl.page.getByTestId('plugin-row').innerText()).toMatch(/acme\.shared\s+0\.1\.0/);
      expect(byUrl.errors).toEqual([]);
      await byUrl.context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
