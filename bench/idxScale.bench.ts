/**
 * A large pair of MNIST-format IDX files in the browser (a script, not a test): 60,000 28×28
 * images and their labels (`--images N`), picked together through the run panel's Data section
 * ("Choose IDX files…", a real file chooser; run-panel harness, dev server, headless Chromium,
 * wasm) for graphs/digits-conv (resized to 8×8). Prints the load time (pick until the worker has
 * read, checked, hashed and kept both files), whether the progress bar showed, the page's peak JS
 * heap and its main-thread long tasks (> 50 ms) during the load, then the time of `--steps N`
 * training steps (building the dataset included) and the load average.
 *
 * Run: npx tsx bench/idxScale.bench.ts [--images 60000] [--steps 5]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { idxPair } from '../test/support/idxFiles.ts';
import { chooseBackend, launchBrowser, longTasks, openHarness, startDevServer, startLongTaskObserver, waitForState } from '../test/e2e/runSupport.ts';
import { numberArg } from './args.ts';

const IMAGES = numberArg('images', 60_000);
const STEPS = numberArg('steps', 5);

/** Polls the page's used JS heap every 100 ms until `done` settles; returns the peak (bytes). */
async function peakHeapUntil(page: Page, done: Promise<unknown>): Promise<number> {
  let peak = 0;
  let settled = false;
  void done.finally(() => (settled = true));
  while (!settled) {
    const used = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    peak = Math.max(peak, used);
    await new Promise((r) => setTimeout(r, 100));
  }
  return peak;
}

// Files on disk, not buffers: Playwright hands buffers to the page as base64 that the page decodes
// on its main thread (a 47 MB pair: one 12.7 s long task and an 867 MiB heap, none of it ours).
const dir = mkdtempSync(join(tmpdir(), 'nw-idx-scale-'));
const server = await startDevServer();
const browser = await launchBrowser();
try {
  const { page } = browser;
  const { images, labels } = idxPair(10, IMAGES / 10, 28);
  const paths = [join(dir, 'big-images.idx3-ubyte'), join(dir, 'big-labels.idx1-ubyte')];
  writeFileSync(paths[0]!, images);
  writeFileSync(paths[1]!, labels);
  await openHarness(page, server.url, { graph: 'digits-conv' });
  await chooseBackend(page, 'wasm');
  await startLongTaskObserver(page);
  const progress = page.getByTestId('data-progress').waitFor({ state: 'attached', timeout: 600_000 }).then(() => true, () => false);
  const started = Date.now();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('data-choose-idx-data').click()]);
  await chooser.setFiles(paths);
  const kept = page.getByTestId('data-kept-big-labels.idx1-ubyte').waitFor({ state: 'attached', timeout: 600_000 });
  const heap = await peakHeapUntil(page, kept);
  const loadMs = Date.now() - started;
  const tasks = (await longTasks(page)).map((t) => t.duration.toFixed(0));
  console.log(`IDX pair: ${IMAGES.toLocaleString('en-US')} images of 28×28 (${(images.length / 1e6).toFixed(1)} MB) + labels, graphs/digits-conv (resized to 8×8)`);
  console.log(`  load: ${(loadMs / 1000).toFixed(1)} s (pick to kept), progress bar shown: ${(await Promise.race([progress, Promise.resolve(false)])) ? 'yes' : 'no'}, peak page JS heap ${(heap / 2 ** 20).toFixed(0)} MiB`);
  console.log(`  long tasks during load: ${tasks.length}${tasks.length > 0 ? ` (${tasks.join(', ')} ms)` : ''}`);
  const trainStart = Date.now();
  await page.getByTestId('run-steps').fill(String(STEPS));
  await page.getByTestId('run-start').click();
  const end = await waitForState(page, (s) => s.phase === 'done' || s.phase === 'failed', 'run end', 900_000);
  console.log(`  training ${STEPS} steps (building the dataset included): ${((Date.now() - trainStart) / 1000).toFixed(1)} s, ${end.phase}${end.fault ? ` (${end.fault.message})` : ''}`);
  console.log(`  load average: ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
