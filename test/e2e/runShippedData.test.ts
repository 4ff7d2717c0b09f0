/**
 * Examples on the shipped datasets train in the browser: the run panel loads the digits conv
 * example, the worker fetches the IDX files from datasets/ (checking their SHA-256) and trains
 * it on wasm to the accuracy the CLI reaches. The training time is printed, not asserted.
 */
import { describe, expect, it } from 'vitest';
import { chooseBackend, openHarness, waitForState, useRunHarness } from './runSupport.ts';

const harness = useRunHarness();

describe('shipped datasets in the browser', () => {
  it('trains the digits conv example on wasm to at least 0.95 eval accuracy', async () => {
    const { page } = harness.browser;
    await openHarness(page, harness.server.url, { graph: 'digits-conv' });
    const ready = await chooseBackend(page, 'wasm');
    expect(ready.engine).toBe('ready');
    const t0 = Date.now();
    await page.getByTestId('run-start').click();
    const done = await waitForState(page, (s) => s.phase === 'done' || s.phase === 'failed' || s.fault !== undefined, 'run done', 240_000);
    const seconds = (Date.now() - t0) / 1000;
    expect(done.fault).toBeUndefined();
    expect(done.phase).toBe('done');
    expect(done.step).toBe(300);
    console.log(`[digits e2e] wasm: ${done.step} steps in ${seconds.toFixed(1)} s (${done.stepsPerSecond.toFixed(1)} steps/s); eval ${JSON.stringify(done.lastEval)}`);
    expect(done.lastEval.acc).toBeGreaterThanOrEqual(0.95);
    expect(harness.browser.errors).toEqual([]);
  }, 300_000);
});
