/** Opens the fixture page (test/browser/fixtures.html) for the backend suites. */
import type { Page } from 'playwright-core';
import type { RunHarness } from '../e2e/runSupport.ts';

/** Runs `use` on a fresh page of the fixture page, ready, and closes the page after it. */
export async function withFixturePage<T>(harness: RunHarness, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await harness.browser.context.newPage();
  try {
    await page.goto(`${harness.server.url}/test/browser/fixtures.html`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 120_000 });
    return await use(page);
  } finally {
    await page.close();
  }
}
