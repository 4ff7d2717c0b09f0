/**
 * End-to-end, "Tweak and watch" (issue 17), through the real editor in headless Chromium: while
 * a run trains, changing its steps or a param in the inspector offers "Restart with this change";
 * one click stops the run and trains the changed graph, and the loss chart keeps the previous
 * run's curve as a faded ghost beside the new one.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, useEditorSession } from './harness.ts';

const editor = useEditorSession();

/** The labels of the loss chart's series (uPlot's legend). */
function lossSeriesLabels(page: Page): Promise<string[]> {
  return page.locator('[data-testid="run-loss-chart"] .u-legend .u-series .u-label').allInnerTexts();
}

/** Waits until the run in the status line is training and has done at least `steps` steps. */
async function trainingPast(page: Page, steps: number): Promise<void> {
  const status = page.getByTestId('run-status');
  await expect.poll(async () => (await status.getAttribute('data-phase')) === 'running' && Number(await status.getAttribute('data-step')) >= steps, { timeout: 90_000, interval: 100 }).toBe(true);
}

describe('tweak and watch', () => {
  it('offers a restart when steps or a param change mid-run, and keeps the previous curves as a ghost', async () => {
    const { context, page, errors } = await editor.open();
    await page.getByTestId('node-opt').waitFor();
    await page.getByTestId('run-dock-toggle').click();
    const steps = page.getByTestId('run-steps');
    await steps.fill('100000');
    await page.getByTestId('run-start').click();
    await trainingPast(page, 20);
    await expect(page.getByTestId('run-restart').count()).resolves.toBe(0);
    await expect(page.getByTestId('run-restart-graph').count()).resolves.toBe(0);

    // The steps field stays editable while the run trains; a change offers the restart, undoing it withdraws it.
    await steps.fill('90000');
    await expect.poll(() => page.getByTestId('run-restart').count()).toBe(1);
    await steps.fill('100000');
    await expect.poll(() => page.getByTestId('run-restart').count()).toBe(0);

    // A param edit in the inspector offers it too; moving nothing else does not.
    await page.getByTestId('node-h1').click();
    const units = page.getByTestId('param-h1-units');
    await units.fill('16');
    await units.blur();
    const restart = page.getByTestId('run-restart-graph');
    await expect.poll(() => restart.count()).toBe(1);
    // A graph edit and a steps edit together still offer one button, which takes both.
    await steps.fill('90000');
    await expect(page.locator('.nw-run-restart').count()).resolves.toBe(1);
    await expect(restart.count()).resolves.toBe(1);
    await steps.fill('100000');
    const firstRun = await page.getByTestId('runs-row').count();
    await restart.click();
    // The new run trains the edited graph; the old one is kept in the runs table.
    await expect.poll(() => page.getByTestId('runs-row').count(), { timeout: 60_000 }).toBe(firstRun + 1);
    await trainingPast(page, 5);
    await expect(restart.count()).resolves.toBe(0);
    await expect(page.getByTestId('summary-row-h1').innerText()).resolves.toMatch(/\[\?, 16\]/);
    // The loss chart draws the stopped run faded behind the new one.
    await expect.poll(() => lossSeriesLabels(page)).toEqual(expect.arrayContaining(['previous train loss', 'train loss']));
    await page.screenshot({ path: `${ROOT}/test-results/tweak-and-watch.png` });
    await page.getByTestId('run-stop').click();
    expect(errors).toEqual([]);
    await context.close();
  });
});
