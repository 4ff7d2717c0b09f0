/**
 * Canvas benchmark (a script, not a test): load and pan a generated 1,000- and 2,000-node graph
 * in headless Chromium, in the editor and in bare React Flow rendering the same nodes, in the
 * same run. Reports load time and frame times, and editor/bare ratios (target: within 1.5x).
 * Run: npx tsx bench/editor.bench.ts
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { shareUrl } from '../editor/model/shareLink.ts';
import { generateChainGraph } from '../editor/model/testing/generateGraph.ts';
import { serializeGraphText } from '../editor/runtimeAdapter/fileFormat.ts';
import { builtinRegistry } from '../plugins/index.ts';
import { launchChromium, startEditorServer, warmUp } from '../test/e2e/harness.ts';

interface Sample {
  readonly loadMs: number;
  readonly frameMedianMs: number;
  readonly frameP95Ms: number;
}

async function waitNodes(page: Page, min: number): Promise<void> {
  await page.waitForFunction((m) => document.querySelectorAll('.react-flow__node').length >= m, min, { timeout: 300_000, polling: 50 });
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
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no pane');
  const x = box.x + 8;
  const y = box.y + box.height - 8;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(x + i * 4, y - i * 3);
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
  const s = [...frames].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? 0, p95: s[Math.floor(s.length * 0.95)] ?? 0 };
}

async function measure(page: Page, url: string, expectNodes: number): Promise<Sample> {
  const t0 = Date.now();
  await page.goto(url, { timeout: 300_000 });
  await waitNodes(page, expectNodes);
  const loadMs = Date.now() - t0;
  await page.waitForTimeout(300);
  const f = await pan(page);
  return { loadMs, frameMedianMs: f.median, frameP95Ms: f.p95 };
}

const { server, url } = await startEditorServer();
const browser = await launchChromium();
try {
  await warmUp(browser, url);
  await warmUp(browser, `${url}editor/bench/bare-flow.html?n=10`, '.react-flow__node');
  const registry = builtinRegistry();
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the machine is shared)`);
  for (const n of [1000, 2000]) {
    const text = serializeGraphText(generateChainGraph({ nodes: n, chainLength: Math.max(10, Math.round(n / 100)) }), registry);
    const link = shareUrl(url, text);
    const bare: Sample[] = [];
    const editor: Sample[] = [];
    for (let round = 0; round < 1; round++) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await ctx.newPage();
      bare.push(await measure(page, `${url}editor/bench/bare-flow.html?n=${n}`, n));
      editor.push(await measure(page, link, n));
      await ctx.close();
    }
    const best = (xs: Sample[], k: keyof Sample): number => Math.min(...xs.map((x) => x[k]));
    const row = (name: string, xs: Sample[]): string =>
      `  ${name.padEnd(7)} load ${best(xs, 'loadMs').toFixed(0).padStart(6)} ms   frame median ${best(xs, 'frameMedianMs').toFixed(1).padStart(6)} ms   p95 ${best(xs, 'frameP95Ms').toFixed(1).padStart(6)} ms`;
    console.log(`${n} nodes (the editor load includes decoding, validating and inferring the graph):`);
    console.log(row('bare', bare));
    console.log(row('editor', editor));
    console.log(
      `  ratio   load ${(best(editor, 'loadMs') / best(bare, 'loadMs')).toFixed(2)}x   frame median ${(best(editor, 'frameMedianMs') / best(bare, 'frameMedianMs')).toFixed(2)}x   p95 ${(best(editor, 'frameP95Ms') / best(bare, 'frameP95Ms')).toFixed(2)}x`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
