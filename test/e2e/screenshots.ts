/**
 * Screenshots of the main views for the README (a script, not a test):
 *   npx tsx test/e2e/screenshots.ts
 * Writes docs/screenshots/*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium, link, openEditor, ROOT, startEditorServer, warmUp } from './harness.ts';

const OUT = `${ROOT}/docs/screenshots`;
mkdirSync(OUT, { recursive: true });

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log(`wrote docs/screenshots/${name}.png`);
}

const { server, url } = await startEditorServer();
const browser = await launchChromium();
try {
  await warmUp(browser, url);
  const { context, page } = await openEditor(browser, url);
  await page.waitForSelector('[data-testid="node-h1"]');
  await page.evaluate(() => { localStorage.setItem('netwright.theme', 'dark'); });
  await page.reload();
  await page.waitForSelector('[data-testid="node-h1"]');
  await shot(page, 'editor-dark');

  await page.getByTestId('node-h2').click();
  await shot(page, 'inspector');

  await page.getByTestId('btn-theme').click();
  await shot(page, 'editor-light');
  await page.getByTestId('btn-theme').click();

  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  await page.keyboard.type('gla');
  await shot(page, 'palette-search');
  await page.getByTestId('palette-search').fill('');
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });

  // Drop a link on empty canvas: quick add, filtered to fitting nodes.
  const h = await page.getByTestId('handle-logits-y').boundingBox();
  if (h) {
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x - 160, h.y + 290, { steps: 6 }); // empty pane, clear of the minimap
    await page.mouse.up();
    await shot(page, 'quick-add');
    await page.keyboard.press('Escape');
  }

  // An invalid link says why.
  await link(page, 'sched', 'lr', 'h2', 'x');
  await shot(page, 'invalid-link');

  await page.keyboard.press('?');
  await shot(page, 'help');
  await page.keyboard.press('Escape');

  // A graph whose plugin is missing.
  const file = JSON.parse(readFileSync(`${ROOT}/graphs/two-spirals-mlp.graph.json`, 'utf8')) as { nodes: Record<string, unknown>; edges: unknown[] };
  file.nodes.ghost = { type: 'acme.ghost', params: { depth: 7 }, position: { x: 900, y: 460 } };
  file.edges.push({ from: { node: 'logits', port: 'y' }, to: { node: 'ghost', port: 'inp' } });
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('btn-open').click();
  await (await chooser).setFiles({ name: 'ghost.graph.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForSelector('[data-testid="missing-banner"]');
  await shot(page, 'missing-plugin');

  await page.getByTestId('btn-library').click();
  await page.waitForSelector('[data-testid="library-row"]');
  await shot(page, 'library');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="library"]', { state: 'detached' });

  // The plugin manager: the confirmation before a module runs, then the installed list.
  await page.getByTestId('btn-plugins').click();
  await page.getByTestId('plugin-url').fill('/examples/plugins/deltanet/index.ts');
  await page.getByTestId('plugin-install-url').click();
  await page.waitForSelector('[data-testid="plugin-confirm"]');
  await shot(page, 'plugin-confirm');
  await page.getByTestId('plugin-confirm-run').click();
  await page.waitForSelector('[data-testid="plugin-row"]');
  await shot(page, 'plugins');
  await context.close();

  // A run in progress: the example trains in the worker, live charts in the run dock.
  const run = await openEditor(browser, url);
  await run.page.getByTestId('run-dock-toggle').click();
  await run.page.waitForSelector('[data-testid="run-panel"]', { timeout: 120_000 });
  await run.page.getByTestId('run-backend').selectOption('wasm');
  await run.page.getByTestId('run-steps').fill('3000'); // long enough to still train when the param is edited
  await run.page.getByTestId('run-start').click();
  await run.page.waitForFunction(() => Number(document.querySelector('[data-testid="run-status"]')?.getAttribute('data-step') ?? 0) >= 250, undefined, { timeout: 180_000 });
  await shot(run.page, 'run-in-progress');
  // Tweak and watch: a param edited mid-run offers a restart; the old curves stay as a ghost.
  await run.page.getByTestId('node-h1').click();
  await run.page.getByTestId('param-h1-units').fill('16');
  await run.page.getByTestId('param-h1-units').blur();
  await run.page.getByTestId('run-restart-graph').click();
  await run.page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.getAttribute('data-phase') === 'running' && Number(document.querySelector('[data-testid="run-status"]')?.getAttribute('data-step') ?? 0) >= 200, undefined, { timeout: 180_000 });
  await shot(run.page, 'tweak-and-watch');
  await run.context.close();
} finally {
  await browser.close();
  await server.close();
}
