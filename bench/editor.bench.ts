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
import type { Browser, Page } from 'playwright-core';
import { build, preview } from 'vite';
import { shareUrl } from '../editor/model/shareLink.ts';
import { generateChainGraph } from '../test/support/graphs.ts';
import { serializeGraphText } from '../editor/model/graphText.ts';
import { builtinRegistry } from '../plugins/index.ts';
import { launchChromium, ROOT, startEditorServer, warmUp } from '../test/e2e/harness.ts';

interface Sample {
  readonly loadMs: number;
  /** Frame times while panning the whole graph (fitted, zoomed out). */
  readonly farMedianMs: number;
  readonly farP95Ms: number;
  /** Frame times while panning zoomed in to {@link NEAR_ZOOM} (nodes drawn in detail). */
  readonly nearMedianMs: number;
  readonly nearP95Ms: number;
  /** Frame times while dragging one node at that zoom (in the editor: a document edit per step). */
  readonly dragMedianMs: number;
  readonly dragP95Ms: number;
  /** Nodes drawn when zoomed in (the same on both sides when the views match). */
  readonly nearNodes: number;
}

/** Zoom of the second pan: nodes are drawn in full detail there. */
const NEAR_ZOOM = 0.6;

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

/** A point near the pane's bottom-left corner where it shows no node, edge or control. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(`(() => {
    const r = document.querySelector('.react-flow__pane').getBoundingClientRect();
    for (let dy = 8; dy < r.height / 2; dy += 12)
      for (let dx = 8; dx < r.width / 2; dx += 12) {
        const x = r.left + dx, y = r.bottom - dy;
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    return null;
  })()`);
  if (!p) throw new Error('no empty spot on the pane');
  return p as { x: number; y: number };
}

/** The current zoom, read from the viewport's transform. */
async function zoomOf(page: Page): Promise<number> {
  const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  return Number(/scale\(([^)]+)\)/.exec(style)?.[1] ?? 'NaN');
}

/** Zooms in about the middle of the drawn graph with the mouse wheel until the zoom reaches `target`. */
async function zoomIn(page: Page, target: number): Promise<void> {
  const middle = await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top); x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
    }
    // The middle of the drawn graph, kept inside the pane.
    const clamp = (v, a, b) => Math.min(Math.max(v, a + 20), b - 20);
    return { x: clamp((x0 + x1) / 2, pane.left, pane.right), y: clamp((y0 + y1) / 2, pane.top, pane.bottom) };
  })()`);
  const { x, y } = middle as { x: number; y: number };
  await page.mouse.move(x, y);
  for (let i = 0; i < 80 && (await zoomOf(page)) < target; i++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(30);
  }
  if ((await zoomOf(page)) < target) throw new Error(`could not zoom in to ${String(target)}`);
}

/** Median and 95th percentile of the frame intervals the page shows while `action` runs. */
async function frameTimes(page: Page, action: () => Promise<void>): Promise<{ median: number; p95: number }> {
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
  await action();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
  const s = [...frames].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? 0, p95: s[Math.floor(s.length * 0.95)] ?? 0 };
}

/** Drags the mouse from (x, y) in 60 steps of (4, -3) px. */
async function drag(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(x + i * 4, y - i * 3);
  await page.mouse.up();
}

/** Pans by dragging the empty pane while the page records frame intervals. */
async function pan(page: Page): Promise<{ median: number; p95: number }> {
  const viewport = page.locator('.react-flow__viewport');
  const before = await viewport.getAttribute('style');
  const { x, y } = await emptyPanePoint(page);
  const frames = await frameTimes(page, () => drag(page, x, y));
  if ((await viewport.getAttribute('style')) === before) throw new Error('the drag did not pan the view');
  return frames;
}

/**
 * Drags the drawn node nearest the pane's middle by its top edge (the title in the editor, away
 * from the port handles) while the page records frame intervals.
 */
async function dragNode(page: Page): Promise<{ median: number; p95: number }> {
  const target = await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
    const cx = (pane.left + pane.right) / 2, cy = (pane.top + pane.bottom) / 2;
    let best = null, bestD = Infinity;
    for (const el of document.querySelectorAll('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      const d = Math.hypot((r.left + r.right) / 2 - cx, (r.top + r.bottom) / 2 - cy);
      if (d < bestD) { bestD = d; best = { id: el.getAttribute('data-id'), x: (r.left + r.right) / 2, y: r.top + Math.min(8, r.height / 2) }; }
    }
    return best;
  })()`);
  if (!target) throw new Error('no node drawn to drag');
  const { id, x, y } = target as { id: string; x: number; y: number };
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  const before = await node.getAttribute('style');
  const frames = await frameTimes(page, () => drag(page, x, y));
  if ((await node.getAttribute('style')) === before) throw new Error(`the drag did not move node ${id}`);
  return frames;
}

async function measure(page: Page, url: string): Promise<Sample> {
  await page.goto(url, { timeout: 300_000 });
  const loadMs = await loadTime(page);
  await waitQuiet(page, 500);
  const far = await pan(page);
  await zoomIn(page, NEAR_ZOOM);
  await waitQuiet(page, 500);
  const nearNodes = await page.locator('.react-flow__node').count();
  const near = await pan(page);
  await waitQuiet(page, 500);
  const moved = await dragNode(page);
  return {
    loadMs,
    farMedianMs: far.median,
    farP95Ms: far.p95,
    nearMedianMs: near.median,
    nearP95Ms: near.p95,
    dragMedianMs: moved.median,
    dragP95Ms: moved.p95,
    nearNodes,
  };
}

/** Size of the editor's canvas, so the bare page gets the same view (and the same fitted zoom). */
async function editorCanvasSize(browser: Browser, url: string): Promise<{ width: number; height: number }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(url, { timeout: 180_000 });
  const box = await page.locator('[data-testid="canvas"]').boundingBox({ timeout: 180_000 });
  await page.close();
  if (!box) throw new Error('the editor shows no canvas');
  return { width: Math.round(box.width), height: Math.round(box.height) };
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

/** Rows of the table: label and field. */
const METRICS: readonly (readonly [string, keyof Sample])[] = [
  ['load', 'loadMs'],
  ['far pan median', 'farMedianMs'],
  ['far pan p95', 'farP95Ms'],
  ['near pan median', 'nearMedianMs'],
  ['near pan p95', 'nearP95Ms'],
  ['node drag median', 'dragMedianMs'],
  ['node drag p95', 'dragP95Ms'],
];

const VIEWPORT = { width: 1400, height: 860 };
const dev = process.argv.includes('--dev');
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? '1');
const { close, url } = dev ? await startDevServer() : await startProductionServer();
const browser = await launchChromium();
try {
  await warmUp(browser, url);
  await warmUp(browser, `${url}editor/bench/bare-flow.html?n=10`, '.react-flow__node');
  const registry = builtinRegistry();
  const view = await editorCanvasSize(browser, url);
  console.log(
    `mode: ${dev ? 'Vite dev server (React development build)' : 'production build (vite build + vite preview)'}, best of ${rounds} round(s); ` +
      `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the machine is shared)`,
  );
  console.log(`both flows get the editor's canvas size, ${String(view.width)} x ${String(view.height)} px; near pans and the node drag at zoom >= ${String(NEAR_ZOOM)}`);
  console.log(
    "load: navigation start to the first frame with every node and edge drawn (the editor's includes decoding, validating and inferring the graph); " +
      'pan and drag: frame intervals while the mouse drags in 60 steps (16.7 ms = every frame at 60 Hz); ratio = editor / bare',
  );
  for (const n of [1000, 2000]) {
    const doc = generateChainGraph({ nodes: n, chainLength: Math.max(10, Math.round(n / 100)) });
    const text = serializeGraphText(doc, registry);
    const probe = drawnProbe(Object.keys(doc.nodes).length, Object.keys(doc.edges).length);
    const link = shareUrl(url, text);
    const bare: Sample[] = [];
    const editor: Sample[] = [];
    for (let round = 0; round < rounds; round++) {
      const ctx = await browser.newContext({ viewport: VIEWPORT });
      await ctx.addInitScript(probe);
      const page = await ctx.newPage();
      bare.push(await measure(page, `${url}editor/bench/bare-flow.html?n=${String(n)}&w=${String(view.width)}&h=${String(view.height)}`));
      editor.push(await measure(page, link));
      await ctx.close();
    }
    const best = (xs: Sample[], k: keyof Sample): number => Math.min(...xs.map((x) => x[k]));
    console.log(`\n${String(n)} nodes (${String(best(editor, 'nearNodes'))} editor / ${String(best(bare, 'nearNodes'))} bare nodes drawn near)`);
    console.log(`  ${'measure'.padEnd(22)} ${'bare'.padStart(9)} ${'editor'.padStart(9)} ${'ratio'.padStart(7)}`);
    for (const [label, k] of METRICS) {
      const [b, e] = [best(bare, k), best(editor, k)];
      console.log(`  ${label.padEnd(22)} ${`${b.toFixed(0)} ms`.padStart(9)} ${`${e.toFixed(0)} ms`.padStart(9)} ${`${(e / b).toFixed(2)}x`.padStart(7)}`);
    }
  }
} finally {
  await browser.close();
  await close();
}
