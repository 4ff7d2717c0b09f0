/**
 * Large datasets in the browser (a script, not a test): a ~50 MB text for the GLA char LM and a
 * folder of 60,000 28×28 PNG images for the digits conv net, each picked through the run panel's
 * Data section with a real file chooser (run-panel harness, dev server, headless Chromium, wasm).
 * For each it prints:
 * - load time: from the pick until the worker has read, checked, hashed and kept the data;
 * - whether the progress bar showed while loading;
 * - peak JS heap of the page (`performance.memory`) and peak resident memory of the renderer
 *   process, which holds the page and the engine worker (workers have no `performance.memory`;
 *   `ps` over the processes below this script), sampled every 100 ms during the load
 *   and during a few training steps after it;
 * - main-thread long tasks (PerformanceObserver 'longtask', > 50 ms) during the load: count and
 *   the longest (target: none over 50 ms from data handling).
 * It prints the load average too: long tasks are wall-clock, and a busy machine stretches them.
 *
 * Run: npx tsx bench/dataScale.bench.ts [--mb=50] [--images=60000] [--steps=5] [--only=text|images]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { classImage, encodeGray } from '../test/support/imageFolders.ts';
import { ROOT } from '../test/e2e/harness.ts';
import { chooseBackend, launchBrowser, longTasks, openHarness, startDevServer, startLongTaskObserver, waitForState } from '../test/e2e/runSupport.ts';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const MB = Number(arg('mb', '50'));
const IMAGES = Number(arg('images', '60000'));
const STEPS = Number(arg('steps', '5'));
const ONLY = arg('only', '');
const load = (): string => loadavg().map((v) => v.toFixed(1)).join(' ');
const mib = (b: number | undefined): string => (b === undefined ? 'n/a' : `${(b / 2 ** 20).toFixed(0)} MiB`);

/**
 * Resident memory of the largest renderer process this script's Chromium started (the page and
 * its dedicated workers share one): the processes below this Node process, from `ps`.
 */
function rendererRss(): number | undefined {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]) * 1024, args: m[4]! }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (mine.has(r.ppid) && !mine.has(r.pid)) {
        mine.add(r.pid);
        grew = true;
      }
    }
  }
  const rss = rows.filter((r) => mine.has(r.pid) && r.args.includes('--type=renderer')).map((r) => r.rss);
  return rss.length > 0 ? Math.max(...rss) : undefined;
}

/** Samples the page's JS heap and the renderer's RSS (page + worker) every 100 ms until stopped; returns the peaks. */
function sampleHeaps(page: Page): () => Promise<{ page?: number; worker?: number }> {
  let peakPage: number | undefined;
  let peakWorker: number | undefined;
  let running = true;
  const heap = (): number | undefined => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
  const loop = (async () => {
    while (running) {
      const p = await page.evaluate(heap).catch(() => undefined);
      if (p !== undefined) peakPage = Math.max(peakPage ?? 0, p);
      const v = rendererRss();
      if (v !== undefined) peakWorker = Math.max(peakWorker ?? 0, v);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { ...(peakPage === undefined ? {} : { page: peakPage }), ...(peakWorker === undefined ? {} : { worker: peakWorker }) };
  };
}

async function measure(page: Page, graph: string, path: string, what: string, kept: string): Promise<void> {
  await openHarness(page, (globalThis as unknown as { __url: string }).__url, { graph });
  await chooseBackend(page, 'wasm');
  await startLongTaskObserver(page);
  const stopLoad = sampleHeaps(page);
  let sawProgress = false;
  const watch = page.getByTestId('data-progress').waitFor({ state: 'attached', timeout: 600_000 }).then(() => (sawProgress = true), () => undefined);
  const t0 = Date.now();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('data-choose-data').click()]);
  await chooser.setFiles(path);
  const refused = page.getByTestId('data-error').waitFor({ state: 'attached', timeout: 900_000 }).then(async () => `refused: ${await page.getByTestId('data-error').textContent()}`);
  const outcome = await Promise.race([page.getByTestId(kept).waitFor({ state: 'attached', timeout: 900_000 }).then(() => 'kept'), refused]);
  if (outcome !== 'kept') {
    console.log(`\n${what}\n  ${outcome}`);
    await stopLoad();
    return;
  }
  const loadMs = Date.now() - t0;
  const loadPeaks = await stopLoad();
  const tasks = await longTasks(page);
  await Promise.race([watch, new Promise((r) => setTimeout(r, 10))]);
  const stopTrain = sampleHeaps(page);
  const t1 = Date.now();
  await page.getByTestId('run-steps').fill(String(STEPS));
  await page.getByTestId('run-start').click();
  const end = await waitForState(page, (s) => s.phase === 'done' || s.phase === 'failed', 'run end', 900_000);
  const trainMs = Date.now() - t1;
  const trainPeaks = await stopTrain();
  const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  console.log(`\n${what}`);
  console.log(`  load: ${(loadMs / 1000).toFixed(1)} s (pick to kept), progress bar shown: ${sawProgress ? 'yes' : 'no'}`);
  console.log(`  peak during load: page JS heap ${mib(loadPeaks.page)}, renderer RSS (page + worker, wasm memory included) ${mib(loadPeaks.worker)}`);
  console.log(`  long tasks during load: ${tasks.length}, longest ${longest.toFixed(0)} ms${tasks.length > 0 ? ` (${tasks.map((t) => t.duration.toFixed(0)).join(', ')} ms)` : ''}`);
  console.log(`  training ${STEPS} steps (incl. building the dataset): ${(trainMs / 1000).toFixed(1)} s, ${end.phase}${end.fault ? ` (${end.fault.message})` : ''}; peak page JS heap ${mib(trainPeaks.page)}, renderer RSS ${mib(trainPeaks.worker)}`);
  console.log(`  load average: ${load()}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nw-data-scale-'));
  const server = await startDevServer();
  (globalThis as unknown as { __url: string }).__url = server.url;
  const browser = await launchBrowser();
  try {
    if (ONLY !== 'images') {
      const base = readFileSync(join(ROOT, 'datasets/tinyshakespeare.txt'));
      const textPath = join(dir, 'big.txt');
      const copies = Math.ceil((MB * 1e6) / base.length);
      writeFileSync(textPath, Buffer.concat(Array.from({ length: copies }, () => base)));
      await measure(browser.page, 'gla-char-lm', textPath, `text: ${(copies * base.length / 1e6).toFixed(1)} MB (${copies} copies of Tiny Shakespeare), graphs/gla-char-lm`, 'data-kept-big.txt');
    }
    if (ONLY !== 'text') {
      const folder = join(dir, 'digits60k');
      const t = Date.now();
      for (let k = 0; k < 10; k++) {
        mkdirSync(join(folder, String(k)), { recursive: true });
        for (let i = 0; i < IMAGES / 10; i++) writeFileSync(join(folder, String(k), `${i}.png`), encodeGray(classImage(k, 10, 28, i), 28, 'png'));
      }
      console.log(`wrote ${IMAGES} PNGs in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      await measure(browser.page, 'digits-conv', folder, `images: ${IMAGES.toLocaleString('en-US')} PNGs of 28×28 in 10 label folders, graphs/digits-conv (resized to 8×8)`, 'data-kept-digits60k');
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
