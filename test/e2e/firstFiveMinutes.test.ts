/**
 * End-to-end: the first five minutes of a new user (issue 17), through the real UI in headless
 * Chromium: no console warnings on load with React Flow's attribution shown, a legible zoom at
 * start, the minimap never over a node (run dock open, after Fit), and the two-spirals model
 * built from New with the palette (search + Enter), handle-to-handle links and the inspector,
 * counting the user's actions, with no two nodes overlapping at any time, trained with Run, the
 * runs table following the run live and listing the current graph's runs.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { link, ROOT, useEditorSession } from './harness.ts';

const editor = useEditorSession();

interface ScreenBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const intersects = (a: ScreenBox, b: ScreenBox): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Screen boxes of the drawn nodes, by node id. */
function nodeBoxes(page: Page): Promise<Record<string, ScreenBox>> {
  return page.locator('.react-flow__node').evaluateAll((els) =>
    Object.fromEntries(
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return [(el as HTMLElement).dataset.id ?? '', { x: r.x, y: r.y, width: r.width, height: r.height }];
      }),
    ),
  );
}

/** The first two nodes drawn overlapping, or undefined. */
async function overlappingNodes(page: Page): Promise<string | undefined> {
  const entries = Object.entries(await nodeBoxes(page));
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      if (intersects(entries[i]![1], entries[j]![1])) return `${entries[i]![0]} overlaps ${entries[j]![0]}`;
    }
  }
  return undefined;
}

/** A node the visible minimap covers, or undefined. */
async function nodeUnderMinimap(page: Page): Promise<string | undefined> {
  const minimap = page.getByTestId('minimap');
  if (!(await minimap.isVisible())) return undefined;
  const box = await minimap.boundingBox();
  if (!box) return undefined;
  return Object.entries(await nodeBoxes(page)).find(([, b]) => intersects(b, box))?.[0];
}

/** The canvas zoom (the scale of React Flow's viewport transform). */
function canvasZoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
}

describe('the first five minutes', () => {
  it('loads without warnings, at a legible zoom, with the attribution shown, the minimap never over a node and a gallery with descriptions', async () => {
    const { context, page, errors, consoleErrors } = await editor.open();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text().slice(0, 200));
    });
    await page.getByTestId('node-opt').waitFor();
    // React Flow checks its attribution one second after the first render.
    await page.waitForTimeout(1500);
    expect(warnings).toEqual([]);
    expect(errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await expect(page.locator('.react-flow__attribution').isVisible()).resolves.toBe(true);
    expect(await canvasZoom(page)).toBeGreaterThanOrEqual(0.7 - 1e-6);

    // The run dock leaves the canvas small: the minimap steps aside instead of covering nodes.
    await page.getByTestId('run-dock-toggle').click();
    await page.getByTestId('run-panel').waitFor();
    expect(await nodeUnderMinimap(page)).toBeUndefined();
    await page.keyboard.press('f');
    await page.waitForTimeout(400);
    expect(await nodeUnderMinimap(page)).toBeUndefined();
    // Run, Pause and Stop stay in view with the dock folded.
    await page.getByTestId('run-dock-toggle').click();
    await expect(page.getByTestId('run-start').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('run-stop').isVisible()).resolves.toBe(true);

    // The examples gallery shows titles, one-line descriptions and thumbnails, not file names.
    await page.getByTestId('btn-library').click();
    const card = page.getByTestId('example-two-spirals-mlp');
    await expect.poll(() => card.getByTestId('example-title').innerText()).toBe('Two spirals — MLP');
    await expect(card.getByTestId('example-description').innerText()).resolves.toMatch(/^A 2-32-32-2 ReLU MLP learns to separate two interleaved spirals/);
    await expect(card.locator('[data-testid="example-thumbnail"] rect').count()).resolves.toBe(8);
    await page.screenshot({ path: `${ROOT}/test-results/examples-gallery.png` });
    await page.keyboard.press('Escape');

    // Templates next to New open a graph that trains as it is, as a new library graph.
    await page.getByTestId('new-template').selectOption('lssl-long-memory');
    await expect.poll(() => page.getByTestId('graph-name').innerText()).toBe('Long memory — LSSL');
    await context.close();
  });

  it('builds and trains two spirals from New through the palette, links and the inspector', async () => {
    const { context, page, errors } = await editor.open();
    let actions = 0;
    const overlaps: string[] = [];
    /** One user action, then the check that no two nodes overlap. */
    const act = async (what: () => Promise<void>): Promise<void> => {
      await what();
      actions++;
      await page.waitForTimeout(120);
      const o = await overlappingNodes(page);
      if (o) overlaps.push(`after action ${String(actions)}: ${o}`);
    };
    const search = page.getByTestId('palette-search');
    /** Types a query into the palette search and presses Enter: adds the first result. */
    const add = (query: string) =>
      act(async () => {
        await search.fill(query);
        await search.press('Enter');
      });
    await act(() => page.getByTestId('btn-new').click());
    await page.waitForFunction(() => document.querySelectorAll('.react-flow__node').length === 0);
    await add('spiral');
    await add('dense');
    await act(() => search.press('Enter'));
    await act(() => search.press('Enter'));
    const ids = Object.keys(await nodeBoxes(page)).sort();
    expect(ids).toEqual(['dense1', 'dense2', 'dense3', 'twospirals1']);
    // Each dense was placed right of the one before and linked from it.
    await expect(page.locator('.react-flow__edge').count()).resolves.toBe(3);
    await add('cross');
    await act(() => link(page, 'twospirals1', 'y', 'crossentropy1', 'target'));
    // Dense defaults to ReLU and 64 units; the loss now knows the target has 2 classes, says so
    // and offers the repair on the layer feeding it: one click (one undo step) makes the logits.
    const fix = page.getByTestId('node-fix-crossentropy1');
    await expect.poll(() => fix.innerText()).toBe('Fix: 2 units, no activation on dense3');
    await act(() => fix.click());
    await expect.poll(() => fix.count()).toBe(0);
    const dense3 = await page.getByTestId('node-dense3').innerText();
    expect(dense3).toMatch(/units\s*2/);
    expect(dense3).toMatch(/activation\s*none/);
    await add('accuracy');
    await act(() => page.getByTestId('node-crossentropy1').click());
    await add('adam');
    await expect(page.locator('.react-flow__edge').count()).resolves.toBe(8);
    await act(() => page.keyboard.press('Control+Enter'));
    // The runs table follows the run while it trains (it read "running 0/0 – 0.0").
    const liveSteps = page.locator('[data-testid="runs-row"][data-status="running"] [data-testid="runs-steps"]');
    await expect.poll(() => liveSteps.innerText().catch(() => ''), { timeout: 60_000, interval: 50 }).toMatch(/^[1-9]\d*\/1000$/);
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-phase'), { timeout: 120_000 }).toBe('done');
    const status = await page.getByTestId('run-status').innerText();
    // The status names each metric by its node: "eval accuracy1 0.9900".
    const acc = Number(/eval accuracy1 ([0-9.]+)/.exec(status)?.[1] ?? 'NaN');
    await page.screenshot({ path: `${ROOT}/test-results/first-five-minutes.png` });
    console.log(`two spirals from New: ${String(actions)} user actions, eval acc ${String(acc)}`);
    expect(overlaps).toEqual([]);
    expect(acc).toBeGreaterThanOrEqual(0.95);
    // At most 12 actions, and the one change to the defaults is the loss's offered repair.
    expect(actions).toBeLessThanOrEqual(12);
    await expect(page.locator('[data-testid="runs-row"] [data-testid="runs-steps"]').innerText()).resolves.toBe('1000/1000');
    // Another graph lists its own runs; all runs are one click away.
    await page.getByTestId('btn-new').click();
    await expect.poll(() => page.getByTestId('runs-row').count()).toBe(0);
    await page.getByTestId('runs-show-all').click();
    await expect.poll(() => page.getByTestId('runs-row').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
