/**
 * The Profile button on the GPU backends (WebGL and WebGPU on SwiftShader in headless Chromium,
 * so the graph is the small two-spirals MLP): the worker profiles on the engine's backend,
 * timing each region to an awaited readback, and the panel names the slowest nodes. Prints
 * the summary of each backend.
 */
import { describe, expect, it } from 'vitest';
import { chooseBackend, openHarness, waitForState, useRunHarness } from './runSupport.ts';

const harness = useRunHarness();

describe('profile on GPU backends', () => {
  for (const backend of ['webgl', 'webgpu'] as const) {
    it(`profiles the loaded graph on ${backend}`, async () => {
      const { page } = harness.browser;
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await openHarness(page, harness.server.url);
      expect((await chooseBackend(page, backend)).backend).toBe(backend);
      await page.getByTestId('run-steps').fill('2');
      await page.getByTestId('run-start').click();
      await waitForState(page, (s) => s.phase === 'done', `${backend} run`, 300_000);
      await page.getByTestId('run-profile-start').click();
      await page.waitForSelector('[data-testid="run-profile-summary"][data-state="done"]', {
        timeout: 300_000,
      });
      const summary = await page.getByTestId('run-profile-summary').innerText();
      console.log(`[profile e2e] ${backend} (SwiftShader): ${summary}`);
      expect(summary).toMatch(new RegExp(`^Step [\\d.]+ ms on ${backend}: \\w+ [\\d.]+ %`));
      await expect(page.locator('[data-testid="run-fault"]').count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    }, 600_000);
  }
});
