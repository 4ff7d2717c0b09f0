/**
 * Canvas benchmark (a script, not a test): load and pan a generated 1,000- and 2,000-node graph
 * in headless Chromium, in the editor and in bare React Flow rendering the same nodes, in the
 * same run. Reports load time and frame times, and editor/bare ratios (target: within 1.5x).
 *
 * By default both pages are measured on a production build (Vite builds the editor and the
 * bare page into a temporary folder and `vite preview` serves it): React's development build
 * and Vite's per-module dev serving inflate the two sides unequally (the editor has hundreds
 * of modules and many more components per node). `--dev` measures on the dev server instead.
 * `--rounds=N` repeats each measurement and keeps the best of N.
 * Run: npx tsx bench/editor.bench.ts [--dev] [--rounds=N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build, preview } from 'vite';
import { shareUrl } from '../editor/model/shareLink.ts';
import { generateChainGraph } from '../editor/model/testing/generateGraph.ts';
import { serializeGraphText } from '../editor/runtimeAdapter/fileFormat.ts';
import { builtinRegistry } from '../plugins/index.ts';
import { launchChromium, ROOT, startEditorServer, warmUp } from '../test/e2e/harness.ts';

interface Sample {
  readonly loadMs: number;
  readonly frameMedianMs: number;
  readonly frameP95Ms: number;
}

/**
 * Installed before any page script: on every frame, checks whether the whole graph is drawn
 * (every node measured and visible, every edge rendered) and records when it first is, and
 * records the end of the last long task. Both pages get the same check, so its cost cancels.
 */
function drawnProbe(nodes: number, edges: number): string {
  return `(() => {
    const w = window;
    w.__drawnAt = undefined;
    w.__quietSince = 0;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__quietSince = Math.max(w.__quietSince, e.startTime + e.duration);
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    function tick(t) {
      const shown = document.querySelectorAll('.react-flow__node[style*="visibility: visible"]').length;
      if (shown >= ${String(nodes)} && document.querySelectorAll('.react-flow__edge').length >= ${String(edges)}) {
        w.__drawnAt = t;
        return;
      }
      requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`;
}

/** Milliseconds from navigation start to the first frame that shows the whole graph. */
async function loadTime(page: Page): Promise<number> {
  const h = await page.waitForFunction('window.__drawnAt', undefined, { timeout: 300_000, polling: 100 });
  return Number(await h.jsonValue());
}

/** Waits until no long task has run for `ms` (autosave, late effects), so the pan starts idle. */
async function waitQuiet(page: Page, ms: number): Promise<void> {
  await page.waitForFunction(`performance.now() - window.__quietSince > ${String(ms)}`, undefined, { timeout: 120_000, polling: 100 });
}

/** Pans by dragging the empty pane while the page records frame intervals. */
async function pan(page: Page): Promise<{ median: number; p95: number }> {
  // A string, not a function: tsx would wrap a function's inner helpers in `__name` calls that
  // do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = performance.now();
    function tick(t) {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stop) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);
  const viewport = page.locator('.react-flow__viewport');
  const before = await viewport.getAttribute('style');
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no pane');
  const x = box.x + 8;
  const y = box.y + box.height - 8;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(x + i * 4, y - i * 3);
  await page.mouse.up();
  if ((await viewport.getAttribute('style')) === before) throw new Error('the drag did not pan the view');
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
  const s = [...frames].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? 0, p95: s[Math.floor(s.length * 0.95)] ?? 0 };
}

async function measure(page: Page, url: string): Promise<Sample> {
  await page.goto(url, { timeout: 300_000 });
  const loadMs = await loadTime(page);
  await waitQuiet(page, 500);
  const f = await pan(page);
  return { loadMs, frameMedianMs: f.median, frameP95Ms: f.p95 };
}

/** A server for both pages. */
interface Served {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** The Vite dev server of the e2e tests. */
async function startDevServer(): Promise<Served> {
  const { server, url } = await startEditorServer();
  return { url, close: () => server.close() };
}

/** Builds the editor and the bare page for production and serves them with `vite preview`. */
async function startProductionServer(): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'netwright-bench-'));
  const config = { root: ROOT, configFile: `${ROOT}/vite.config.ts`, logLevel: 'error' as const };
  await build({
    ...config,
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      rolldownOptions: { input: { index: `${ROOT}/index.html`, bare: `${ROOT}/editor/bench/bare-flow.html` } },
    },
  });
  const server = await preview({ ...config, build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a local URL');
  return {
    url,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

const dev = process.argv.includes('--dev');
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? '1');
const { close, url } = dev ? await startDevServer() : await startProductionServer();
const browser = await launchChromium();
try {
  await warmUp(browser, url);
  await warmUp(browser, `${url}editor/bench/bare-flow.html?n=10`, '.react-flow__node');
  const registry = builtinRegistry();
  console.log(
    `mode: ${dev ? 'Vite dev server (React development build)' : 'production build (vite build + vite preview)'}, best of ${rounds} round(s); ` +
      `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the machine is shared)`,
  );
  for (const n of [1000, 2000]) {
    const doc = generateChainGraph({ nodes: n, chainLength: Math.max(10, Math.round(n / 100)) });
    const text = serializeGraphText(doc, registry);
    const probe = drawnProbe(Object.keys(doc.nodes).length, Object.keys(doc.edges).length);
    const link = shareUrl(url, text);
    const bare: Sample[] = [];
    const editor: Sample[] = [];
    for (let round = 0; round < rounds; round++) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      await ctx.addInitScript(probe);
      const page = await ctx.newPage();
      bare.push(await measure(page, `${url}editor/bench/bare-flow.html?n=${n}`));
      editor.push(await measure(page, link));
      await ctx.close();
    }
    const best = (xs: Sample[], k: keyof Sample): number => Math.min(...xs.map((x) => x[k]));
    const row = (name: string, xs: Sample[]): string =>
      `  ${name.padEnd(7)} load ${best(xs, 'loadMs').toFixed(0).padStart(6)} ms   frame median ${best(xs, 'frameMedianMs').toFixed(1).padStart(6)} ms   p95 ${best(xs, 'frameP95Ms').toFixed(1).padStart(6)} ms`;
    console.log(`${String(n)} nodes (load: navigation start to the first frame with every node and edge drawn; the editor's includes decoding, validating and inferring the graph):`);
    console.log(row('bare', bare));
    console.log(row('editor', editor));
    console.log(
      `  ratio   load ${(best(editor, 'loadMs') / best(bare, 'loadMs')).toFixed(2)}x   frame median ${(best(editor, 'frameMedianMs') / best(bare, 'frameMedianMs')).toFixed(2)}x   p95 ${(best(editor, 'frameP95Ms') / best(bare, 'frameP95Ms')).toFixed(2)}x`,
    );
  }
} finally {
  await browser.close();
  await close();
}
