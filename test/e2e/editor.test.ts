/**
 * End-to-end: the editor in headless Chromium, driven like a user would. One Vite server and
 * one browser for the file; each test gets a fresh context (empty IndexedDB).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shareUrl } from '../../editor/model/shareLink.ts';
import { dropPlugin, link, openViaChooser, ROOT, saveViaDownload, summaryTotals, useEditorSession, waitSaved } from './harness.ts';

const editor = useEditorSession();

const example = readFileSync(`${ROOT}/graphs/two-spirals-mlp.graph.json`, 'utf8');

const totals = summaryTotals;

describe('editor e2e', () => {
  it('builds the two-spirals MLP from an empty canvas, edits, undoes, and survives a reload', async () => {
    const { context, page, errors } = await editor.open();
    await page.getByTestId('btn-new').click();
    await expect.poll(() => totals(page)).toMatch(/^0 nodes/);

    // Keep nodes away from the canvas edges: React Flow pans while a link is dragged near them.
    await dropPlugin(page, 'two-spirals', 80, 200);
    await dropPlugin(page, 'dense', 280, 120);
    await dropPlugin(page, 'dense', 480, 120);
    await dropPlugin(page, 'cross-entropy', 680, 220);
    await expect.poll(() => totals(page)).toMatch(/^4 nodes/);

    await link(page, 'twospirals1', 'x', 'dense1', 'x');
    await link(page, 'dense1', 'y', 'dense2', 'x');
    await link(page, 'dense2', 'y', 'crossentropy1', 'pred');
    await link(page, 'twospirals1', 'y', 'crossentropy1', 'target');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);

    // Set a param in the inspector and watch the shapes follow.
    await page.getByTestId('node-dense2').click();
    const units = page.getByTestId('param-dense2-units');
    await units.fill('2');
    await units.blur();
    await expect.poll(() => page.getByTestId('shape-dense2-y').innerText()).toBe('[?, 2]');
    await page.getByTestId('node-dense1').click();
    await page.getByTestId('param-dense1-units').fill('32');
    await page.getByTestId('param-dense1-units').blur();
    await expect.poll(() => page.getByTestId('shape-dense1-y').innerText()).toBe('[?, 32]');
    // A bad value shows the validator's message and is not written.
    await page.getByTestId('param-dense1-units').fill('0');
    await expect(page.getByTestId('param-dense1-units-error').innerText()).resolves.toMatch(/>= 1/);
    await page.getByTestId('param-dense1-units').blur();
    await expect.poll(() => page.getByTestId('shape-dense1-y').innerText()).toBe('[?, 32]');

    // Undo / redo of the param edit, from the keyboard.
    await page.getByTestId('canvas').click({ position: { x: 40, y: 400 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('shape-dense1-y').innerText()).not.toBe('[?, 32]');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('shape-dense1-y').innerText()).toBe('[?, 32]');
    expect(await page.getByTestId('node-crossentropy1').getByTestId('node-diagnostics').count()).toBe(0);

    await waitSaved(page);
    await page.reload();
    await page.waitForSelector('[data-testid="node-dense1"]');
    await expect.poll(() => totals(page)).toMatch(/^4 nodes/);
    expect(await page.locator('.react-flow__edge').count()).toBe(4);
    expect(await page.getByTestId('shape-dense1-y').innerText()).toBe('[?, 32]');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a link between incompatible ports and says why', async () => {
    const { context, page } = await editor.open();
    await page.waitForSelector('[data-testid="node-opt"]');
    // A schedule output cannot feed a tensor input.
    await link(page, 'sched', 'lr', 'h2', 'x');
    await expect.poll(() => page.getByTestId('notice-error').first().innerText()).toMatch(/Cannot connect: .*schedule/);
    await context.close();
  });

  it('saves a file and opens it again; a hostile file shows the loader message and changes nothing', async () => {
    const { context, page, errors } = await editor.open();
    await page.waitForSelector('[data-testid="node-h1"]');
    const saved = await saveViaDownload(page);
    expect(JSON.parse(saved)).toMatchObject({ format: 'netwright.graph', meta: { title: 'Two spirals — MLP' } });

    await page.getByTestId('btn-new').click();
    await expect.poll(() => totals(page)).toMatch(/^0 nodes/);
    await openViaChooser(page, 'spirals.graph.json', saved);
    await expect.poll(() => totals(page)).toMatch(/^8 nodes/);
    expect(await saveViaDownload(page)).toBe(saved);

    const before = await totals(page);
    await openViaChooser(page, 'evil.graph.json', '{"format":"netwright.graph","version":1,"nodes":{"__proto__":{"type":"x"}}');
    await expect.poll(() => page.getByTestId('notice-error').first().innerText()).toMatch(/Could not open "evil.graph.json": /);
    expect(await totals(page)).toBe(before);

    // Labels are text, never HTML.
    const hostile = JSON.parse(saved) as { nodes: Record<string, { label?: string }> };
    hostile.nodes.h1!.label = '<img src=x onerror="window.__pwned=1">';
    await openViaChooser(page, 'label.graph.json', JSON.stringify(hostile));
    await expect.poll(() => page.getByTestId('node-h1').innerText()).toContain('<img src=x');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a graph with a missing plugin, keeps the rest editable, and saves it back unchanged', async () => {
    const file = JSON.parse(example) as { plugins: Record<string, unknown>; nodes: Record<string, unknown>; edges: unknown[] };
    // The lock is sorted by plugin id in canonical files.
    const lock: Record<string, unknown> = { ...file.plugins, 'acme.ghost': { version: '2.1.0', migration: 3 } };
    file.plugins = Object.fromEntries(Object.keys(lock).sort().map((k) => [k, lock[k]]));
    file.nodes.ghost = { type: 'acme.ghost', params: { depth: 7, mode: 'spooky', sizes: [1, 2] }, position: { x: 900, y: 500 } };
    file.edges.push({ from: { node: 'logits', port: 'y' }, to: { node: 'ghost', port: 'inp' } });
    const text = `${JSON.stringify(file, null, 2)}\n`;

    const { context, page } = await editor.open();
    await openViaChooser(page, 'ghost.graph.json', text);
    await expect.poll(() => page.getByTestId('missing-banner').innerText()).toContain('acme.ghost');
    expect(await saveViaDownload(page)).toBe(text);
    // The rest stays editable.
    await page.getByTestId('node-h1').click();
    await page.getByTestId('param-h1-units').fill('16');
    await page.getByTestId('param-h1-units').blur();
    await expect.poll(() => page.getByTestId('shape-h1-y').innerText()).toBe('[?, 16]');
    const edited = JSON.parse(await saveViaDownload(page)) as typeof file;
    expect(edited.nodes.ghost).toEqual(file.nodes.ghost);
    expect(edited.plugins['acme.ghost']).toEqual({ version: '2.1.0', migration: 3 });
    await context.close();
  });

  it('opens a share link as a new graph next to the existing one', async () => {
    const { context, page } = await editor.open();
    await page.waitForSelector('[data-testid="node-h1"]');
    await waitSaved(page);
    const shared = JSON.parse(example) as { meta: { title: string } };
    shared.meta.title = 'From a friend';
    const link = shareUrl(editor.url, `${JSON.stringify(shared, null, 2)}\n`);
    await page.goto(link);
    await expect.poll(() => page.getByTestId('graph-name').innerText()).toBe('From a friend');
    expect(new URL(page.url()).hash).toBe('');
    await waitSaved(page);
    await page.getByTestId('btn-library').click();
    await expect.poll(() => page.getByTestId('library-row').count()).toBe(2);
    await context.close();
  });
});
