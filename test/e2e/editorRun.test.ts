/**
 * The run panel inside the real editor: open the app (it starts on the two-spirals example),
 * train it on wasm from the run dock, watch the loss fall, and check that the graph is
 * untouched by the run and stays editable while it trains.
 */
import { describe, expect, it } from 'vitest';
import { useEditorSession } from './harness.ts';

const editor = useEditorSession();

const statusOf = (attr: string) => `[data-testid="run-status"]`.concat(attr);

describe('training from the editor', () => {
  it('trains the open graph in the worker while the canvas stays editable', async () => {
    const { context, page, errors } = await editor.open();
    await page.waitForSelector('[data-testid="node-h1"]');
    // The dock starts folded so the canvas keeps its room; opening it starts the panel.
    await expect(page.locator('[data-testid="run-panel"]').count()).resolves.toBe(0);
    await page.getByTestId('run-dock-toggle').click();
    await page.waitForSelector('[data-testid="run-panel"]', { timeout: 120_000 });
    await page.getByTestId('run-backend').selectOption('wasm');
    await page.getByTestId('run-steps').fill('200');
    // Record the first loss the panel shows, however busy the machine: reading it after the
    // fact could land late in the run, when the loss has already settled.
    await page.evaluate(() => {
      const record = window as unknown as { firstLoss?: string };
      const observer = new MutationObserver(() => {
        const text = document.querySelector('[data-testid="run-loss"]')?.textContent;
        if (text && /\d/.test(text) && record.firstLoss === undefined) {
          record.firstLoss = text;
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('run-start').click();
    await page.waitForSelector(statusOf('[data-phase="running"]'), { timeout: 120_000 });
    const firstLossText = await page
      .waitForFunction(() => (window as unknown as { firstLoss?: string }).firstLoss, undefined, { timeout: 120_000 })
      .then((handle) => handle.jsonValue());
    const earlyLoss = Number(String(firstLossText).replace(/[^0-9.e-]/g, ''));

    // The page is free while the worker trains: selecting a node opens its inspector.
    await page.getByTestId('node-h1').click();
    await expect.poll(() => page.locator('[data-testid="inspector"]').innerText()).toContain('units');

    await page.waitForSelector(statusOf('[data-phase="done"]'), { timeout: 300_000 });
    expect(await page.getByTestId('run-status').getAttribute('data-step')).toBe('200');
    const lateLoss = Number((await page.getByTestId('run-loss').innerText()).replace(/[^0-9.e-]/g, ''));
    expect(earlyLoss, String(firstLossText)).toBeGreaterThan(0);
    expect(lateLoss).toBeLessThan(earlyLoss);
    await expect.poll(() => page.getByTestId('run-backend-status').innerText()).toMatch(/wasm/);
    // Folding the dock hides the panel but keeps it (and its runs) alive.
    await page.getByTestId('run-dock-toggle').click();
    await expect(page.getByTestId('run-panel').isVisible()).resolves.toBe(false);
    await page.getByTestId('run-dock-toggle').click();
    await expect(page.getByTestId('run-status').getAttribute('data-phase')).resolves.toBe('done');
    // Training never edits the graph: nothing to undo.
    await expect(page.getByTestId('btn-undo').isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
