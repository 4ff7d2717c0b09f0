/**
 * End-to-end, issue 17 continued, in headless Chromium through the real UI: every template next
 * to New opens ready to train (no error diagnostics on any node), and opening the run dock (the
 * canvas drops to ~370 px) keeps every node of the graph in sight, as does adding a node from the
 * palette with the dock open.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../editor/chrome/templates.ts';
import { ROOT, summaryTotals, useEditorSession } from './harness.ts';

const editor = useEditorSession();

/** Ids of the drawn nodes whose box is wholly inside the canvas, sorted. */
function nodesInSight(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    if (!canvas) return [];
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')].flatMap((el) => {
      const r = el.getBoundingClientRect();
      const inside = r.left >= canvas.left - 0.5 && r.top >= canvas.top - 0.5 && r.right <= canvas.right + 0.5 && r.bottom <= canvas.bottom + 0.5;
      return inside ? [el.dataset.id ?? '?'] : [];
    }).sort();
  });
}

/** The canvas zoom (the scale of React Flow's viewport transform). */
function canvasZoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
}

describe('the first five minutes, continued', () => {
  it('opens every template ready to train, with no error diagnostics', async () => {
    const { context, page, errors } = await editor.open();
    await page.getByTestId('node-opt').waitFor();
    for (const template of TEMPLATES) {
      await page.getByTestId('btn-new').click();
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
      await page.getByTestId('new-template').selectOption(template.example);
      await expect.poll(() => page.locator('.react-flow__node').count(), { message: template.example }).toBeGreaterThan(1);
      // Validation has run once the summary counts the nodes; then no node may carry an error.
      await page.getByTestId('summary-totals').waitFor();
      const badErrors = await page.locator('.nw-badge-error').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
      expect(badErrors, template.example).toEqual([]);
      await expect(page.locator('[data-testid^="summary-row-"].nw-error').count(), template.example).resolves.toBe(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the graph in sight when the run dock opens and when the palette adds a node', async () => {
    const { context, page, errors } = await editor.open();
    await page.getByTestId('node-opt').waitFor();
    await page.waitForTimeout(300);
    // The example opens whole at a legible zoom; whatever is in sight must stay in sight.
    const shown = await nodesInSight(page);
    expect(shown.length).toBeGreaterThanOrEqual(6);
    // The dock takes ~230 px of the canvas's height: every node in sight before stays in sight.
    await page.getByTestId('run-dock-toggle').click();
    await page.getByTestId('run-panel').waitFor();
    await expect.poll(() => nodesInSight(page), { timeout: 5000 }).toEqual(shown);
    expect(await canvasZoom(page)).toBeGreaterThanOrEqual(0.7 - 1e-4);
    // With the dock open, a node added right of the selected one is shown whole.
    await page.getByTestId('node-opt').click();
    const search = page.getByTestId('palette-search');
    await search.fill('dense');
    await search.press('Enter');
    await expect.poll(() => summaryTotals(page)).toMatch(/^9 nodes/);
    const added = await page.locator('.react-flow__node.selected').getAttribute('data-id');
    expect(added).not.toBe('opt');
    await expect.poll(async () => (await nodesInSight(page)).includes(added ?? ''), { timeout: 5000 }).toBe(true);
    await page.screenshot({ path: `${ROOT}/test-results/dock-open-keeps-graph.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});
