/**
 * The time profile in the real editor: open the GLA example, train it a few steps on wasm from
 * the run dock, click Profile, and every node of the canvas shows a heat strip whose tooltip
 * gives its forward and backward time and its share of the step; the GLA nodes come out
 * hotter than the residual adds; a new run clears the strips, and the controls wait while a
 * profile is taken. Screenshots go to test-results/editor-profile*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openViaChooser, ROOT, useEditorSession } from './harness.ts';

const editor = useEditorSession();
// The flat drawing of the GLA example (graphs/ now draws its layers as one block instance,
// whose inner nodes have no canvas node of their own to carry a strip).
const GLA = readFileSync(`${ROOT}/test/fixtures/v1/gla-associative-recall.graph.json`, 'utf8');
const NODES = Object.keys((JSON.parse(GLA) as { nodes: Record<string, unknown> }).nodes);
const TOOLTIP = /^fwd [\d.]+ ms · bwd [\d.]+ ms( · update [\d.]+ ms)? · [\d.]+ % of step \(wasm\)$/;

describe('profile from the editor', () => {
  it('draws a heat strip with its numbers on every node after Profile', async () => {
    const { context, page, errors } = await editor.open();
    await openViaChooser(page, 'gla-associative-recall.graph.json', GLA);
    // A one-row graph this long opens at the legible zoom from its start, the data node.
    await page.waitForSelector('[data-testid="node-data"]');
    await page.getByTestId('run-dock-toggle').click();
    await page.waitForSelector('[data-testid="run-panel"]', { timeout: 120_000 });
    // Nothing is loaded in the engine yet: nothing to profile.
    await expect(page.getByTestId('run-profile-start').isDisabled()).resolves.toBe(true);
    await page.getByTestId('run-backend').selectOption('wasm');
    await page.getByTestId('run-steps').fill('3');
    await page.getByTestId('run-start').click();
    await page.waitForSelector('[data-testid="run-status"][data-phase="done"]', { timeout: 300_000 });

    const started = Date.now();
    await page.getByTestId('run-profile-start').click();
    await page.waitForSelector('[data-testid="run-profile-summary"][data-state="profiling"]');
    await page.waitForSelector('[data-testid="run-profile-summary"][data-state="done"]', {
      timeout: 300_000,
    });
    const summary = await page.getByTestId('run-profile-summary').innerText();
    console.log(`[profile e2e] GLA on wasm in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary}`);
    await expect(page.getByTestId('run-profile-summary').innerText()).resolves.toMatch(
      /^Step [\d.]+ ms on wasm: gla\d [\d.]+ %/,
    );

    // A graph opens at a legible zoom (not below 0.7), which shows only part of this one: Fit
    // shows every node, so every strip is drawn.
    await page.getByTestId('btn-fit').click();
    const nodeCount = Object.keys((JSON.parse(GLA) as { nodes: Record<string, unknown> }).nodes).length;
    await expect.poll(() => page.locator('[data-testid^="node-heat-"]').count()).toBe(nodeCount);
    const strips = await page.locator('[data-testid^="node-heat-"]').evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute('data-testid')!.slice('node-heat-'.length),
        title: e.getAttribute('title') ?? '',
        share: Number(e.getAttribute('data-share')),
        height: e.getBoundingClientRect().height,
        color: getComputedStyle(e).backgroundColor,
      })),
    );
    expect(strips.map((s) => s.id).sort()).toEqual([...NODES].sort());
    for (const s of strips) {
      expect(s.title, s.id).toMatch(TOOLTIP);
      expect(s.height, s.id).toBeGreaterThan(0);
    }
    const share = (id: string) => strips.find((s) => s.id === id)!.share;
    expect(share('gla1')).toBeGreaterThan(share('res1a'));
    expect(strips.find((s) => s.id === 'gla1')!.color).not.toBe(strips.find((s) => s.id === 'res1a')!.color);
    // The controls are free again, and a new run clears the strips.
    await expect(page.getByTestId('run-start').isDisabled()).resolves.toBe(false);
    mkdirSync(`${ROOT}/test-results`, { recursive: true });
    await page.screenshot({ path: `${ROOT}/test-results/editor-profile.png` });
    // Closer: the dock folded and the canvas zoomed in on the first GLA block (detailed nodes).
    await page.getByTestId('run-dock-toggle').click();
    const box = (await page.getByTestId('node-gla1').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -200);
    await page.waitForSelector('[data-testid="node-gla1"]:not(.nw-compact)');
    await page.getByTestId('canvas').screenshot({ path: `${ROOT}/test-results/editor-profile-canvas.png` });
    await page.getByTestId('btn-theme').click();
    await page
      .getByTestId('canvas')
      .screenshot({ path: `${ROOT}/test-results/editor-profile-canvas-dark.png` });
    await page.getByTestId('btn-theme').click();
    await page.getByTestId('run-dock-toggle').click();
    await page.getByTestId('run-start').click();
    await expect.poll(() => page.locator('[data-testid^="node-heat-"]').count()).toBe(0);
    await page.waitForSelector('[data-testid="run-status"][data-phase="done"]', { timeout: 300_000 });
    // While a profile is taken the controls wait for it, as for a calibration.
    await page.getByTestId('run-profile-start').click();
    await page.waitForSelector('[data-testid="run-profile-summary"][data-state="profiling"]');
    await expect(page.getByTestId('run-start').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('run-backend').isDisabled()).resolves.toBe(true);
    await page.waitForSelector('[data-testid="run-profile-summary"][data-state="done"]', {
      timeout: 300_000,
    });
    await expect(page.getByTestId('run-start').isDisabled()).resolves.toBe(false);
    await expect(page.locator('[data-testid="run-fault"]').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
