/**
 * "Try it" in the run panel after a run, through the real UI: the GLA character language model
 * trains a few steps on the shipped text, then Generate writes after a prompt in the worker,
 * token by token through the step forms (the text grows on the page while it is generated); the
 * digits conv classifier trains briefly, then a digit drawn with the mouse gets class
 * probabilities as bars (a drawn 1 and a drawn 0 are read as such).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseBackend, openHarness, useRunHarness, waitForState } from './runSupport.ts';

const harness = useRunHarness();

async function train(page: Page, graph: string, steps: number): Promise<void> {
  await openHarness(page, harness.server.url, { graph });
  expect((await chooseBackend(page, 'wasm')).engine).toBe('ready');
  await page.getByTestId('run-steps').fill(String(steps));
  await page.getByTestId('run-start').click();
  const done = await waitForState(page, (s) => s.phase === 'done' || s.phase === 'failed', `${graph} trained`, 180_000);
  expect(done.fault).toBeUndefined();
  expect(done.step).toBe(steps);
}

/** Draws a polyline on the Try-it canvas with the mouse; points are fractions of its size. */
async function draw(page: Page, points: readonly (readonly [number, number])[]): Promise<void> {
  const box = await page.getByTestId('try-canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  const at = ([x, y]: readonly [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]!));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 4 });
  await page.mouse.up();
}

async function probabilities(page: Page): Promise<number[]> {
  return page.getByTestId('try-probabilities').locator('li').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-probability'))));
}

describe('Try it', () => {
  it('generates text token by token from the trained GLA language model', async () => {
    const { page } = harness.browser;
    await train(page, 'gla-char-lm', 3);
    await page.getByTestId('try-prompt').fill('ROMEO:');
    await page.getByTestId('try-tokens').fill('200');
    await page.getByTestId('try-temperature').fill('1');
    await page.getByTestId('try-top-k').fill('10');
    // Every distinct text the output shows while it generates (a MutationObserver on the page).
    await page.getByTestId('try-output').evaluate((el) => {
      const w = window as unknown as { __nwTexts: string[] };
      w.__nwTexts = [];
      new MutationObserver(() => w.__nwTexts.push(el.textContent)).observe(el, { childList: true, subtree: true, characterData: true });
    });
    await page.getByTestId('try-generate').click();
    await page.getByTestId('try-stats').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('try-mode').textContent()).toContain('step forms');
    expect(await page.getByTestId('try-stats').textContent()).toMatch(/^200 tokens, [\d.]+ ms per token$/);
    const output = (await page.getByTestId('try-output').textContent()) ?? '';
    expect(output.startsWith('ROMEO:')).toBe(true);
    expect(Array.from(output).length).toBe('ROMEO:'.length + 200);
    const texts = await page.evaluate(() => (window as unknown as { __nwTexts: string[] }).__nwTexts);
    const partial = new Set(texts.filter((t) => t.length > 'ROMEO:'.length && t !== output));
    expect(partial.size).toBeGreaterThanOrEqual(2);
    console.log(`[try-it e2e] ${await page.getByTestId('try-stats').textContent()}; ${partial.size} partial texts shown`);
    // A prompt character outside the vocabulary is named, and the prompt stays as typed.
    await page.getByTestId('try-prompt').fill('ROMEO€');
    await page.getByTestId('try-generate').click();
    expect(await page.getByTestId('try-error').textContent()).toContain('"€" (at 5) is not in the vocabulary');
    expect(await page.getByTestId('try-prompt').inputValue()).toBe('ROMEO€');
    expect(harness.browser.errors).toEqual([]);
  }, 300_000);

  it('classifies a digit drawn on the canvas with the trained digits conv model', async () => {
    const { page } = harness.browser;
    await train(page, 'digits-conv', 60);
    await draw(page, [[0.5, 0.15], [0.5, 0.85]]);
    await page.getByTestId('try-probabilities').waitFor({ timeout: 30_000 });
    const one = await probabilities(page);
    expect(one).toHaveLength(10);
    expect(one.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    await page.getByTestId('try-clear').click();
    await draw(page, [[0.5, 0.15], [0.8, 0.3], [0.8, 0.7], [0.5, 0.85], [0.2, 0.7], [0.2, 0.3], [0.5, 0.15]]);
    await page.getByTestId('try-probabilities').waitFor({ timeout: 30_000 });
    const zero = await probabilities(page);
    expect(zero).not.toEqual(one);
    const best = (p: number[]) => p.indexOf(Math.max(...p));
    console.log(`[try-it e2e] drawn "1" -> class ${best(one)} (${one[best(one)]!.toFixed(2)}); drawn "0" -> class ${best(zero)} (${zero[best(zero)]!.toFixed(2)})`);
    // Seeded training on wasm and the same strokes: the drawn digits are read as drawn.
    expect([best(one), best(zero)]).toEqual([1, 0]);
    expect(harness.browser.errors).toEqual([]);
  }, 300_000);
});
