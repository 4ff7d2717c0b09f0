/**
 * End-to-end: the editor flows beyond building a graph (quick add, library, examples gallery,
 * auto-layout, cross-tab copy/paste, theme, keyboard), driven through the real UI in headless
 * Chromium. One Vite server and one browser for the file; each test gets a fresh context
 * (empty IndexedDB), which opens on the two-spirals example.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { openViaChooser, ROOT, saveViaDownload, summaryTotals, useEditorSession, waitSaved, type EditorPage } from './harness.ts';

const editor = useEditorSession();

/** The parts of a graph file these tests read. */
interface GraphFile {
  meta: { title?: string };
  nodes: Record<string, { type: string; position: { x: number; y: number } }>;
  edges: { from: { node: string; port: string }; to: { node: string; port: string } }[];
}

const exampleText = readFileSync(`${ROOT}/graphs/two-spirals-mlp.graph.json`, 'utf8');
const example = JSON.parse(exampleText) as GraphFile;
const spirals = example.meta.title ?? 'two-spirals-mlp';
const gla = JSON.parse(readFileSync(`${ROOT}/graphs/gla-associative-recall.graph.json`, 'utf8')) as GraphFile;
const registry = builtinRegistry();

/** `expect.poll` with room for a busy 2-core machine (its default gives up after 1 s). */
function poll<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 20_000 });
}

/** A test's end: no uncaught page errors, then its context closed. */
async function closeWithoutErrors({ context, errors }: Pick<EditorPage, 'context' | 'errors'>): Promise<void> {
  expect(errors).toEqual([]);
  await context.close();
}

/** Selects node `id` on the canvas (a click) and presses `key` (`Delete`, `Control+d`, ...). */
async function pressOnNode(page: Page, id: string, key: string): Promise<void> {
  await page.getByTestId(`node-${id}`).click();
  await page.keyboard.press(key);
}

async function savedGraph(page: Page): Promise<GraphFile> {
  return JSON.parse(await saveViaDownload(page)) as GraphFile;
}

const edgeCount = (page: Page): Promise<number> => page.locator('.react-flow__edge').count();

/** Widths of the nodes drawn on the canvas, in flow units (the viewport scales, the node does not). */
function drawnWidths(page: Page): Promise<Record<string, number>> {
  return page.locator('.react-flow__node').evaluateAll((els) => Object.fromEntries(els.map((el) => [(el as HTMLElement).dataset.id ?? '', (el as HTMLElement).offsetWidth])));
}

/** The point nearest `near` (screen pixels) where the canvas shows only its empty pane. */
async function emptyCanvasPoint(page: Page, near: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((n) => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    if (!canvas) return undefined;
    let best: { x: number; y: number; d: number } | undefined;
    for (let x = canvas.left + 20; x < canvas.right - 20; x += 20) {
      for (let y = canvas.top + 20; y < canvas.bottom - 20; y += 20) {
        if (!document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) continue;
        const d = Math.hypot(x - n.x, y - n.y);
        if (d > 60 && (!best || d < best.d)) best = { x, y, d };
      }
    }
    return best;
  }, near);
  if (!point) throw new Error('no empty spot on the canvas');
  return { x: point.x, y: point.y };
}

/** Presses a port handle and releases it on empty canvas near it. */
async function dropLinkOnCanvas(page: Page, node: string, port: string): Promise<void> {
  const h = await page.getByTestId(`handle-${node}-${port}`).boundingBox();
  if (!h) throw new Error(`handle ${node}.${port} is not visible`);
  const from = { x: h.x + h.width / 2, y: h.y + h.height / 2 };
  const to = await emptyCanvasPoint(page, { x: from.x + 80, y: from.y + 80 });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Whether the data node is drawn left of the optimiser (screen coordinates). */
async function dataLeftOfOptimizer(page: Page): Promise<boolean> {
  const data = await page.getByTestId('node-data').boundingBox();
  const opt = await page.getByTestId('node-opt').boundingBox();
  if (!data || !opt) throw new Error('data or opt is not drawn');
  return data.x < opt.x;
}

function library(page: Page) {
  return page.getByRole('dialog', { name: 'Library' });
}

async function openLibrary(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await library(page).waitFor();
}

/** Names in the library dialog, sorted (the dialog lists the most recently changed first). */
async function libraryNames(page: Page): Promise<string[]> {
  return (await library(page).getByTestId('library-open').allInnerTexts()).sort();
}

describe('editor flows e2e', () => {
  it('quick add: a link dropped on empty canvas offers only fitting plugins; the choice is added, connected, and one undo removes both', async () => {
    const { context, page, errors } = await editor.open();
    await page.getByTestId('node-sched').waitFor();
    expect(await edgeCount(page)).toBe(example.edges.length);

    // A schedule output: only plugins with a schedule input fit.
    await dropLinkOnCanvas(page, 'sched', 'lr');
    const popup = page.getByTestId('quick-add');
    await popup.waitFor();
    const offered = (await popup.locator('li[data-testid]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''))).map((t) => t.replace(/^quick-add-/, ''));
    expect(offered).toContain('adam');
    expect(offered).not.toContain('dense');
    for (const id of offered) {
      const inputs = Object.values(registry.get(id)?.inputs ?? {});
      expect(inputs.some((p) => p.kind === 'schedule'), `${id} has a schedule input`).toBe(true);
    }
    await page.getByPlaceholder('Add a node that fits this port…').fill('adam');
    await popup.getByText('adam', { exact: true }).click();
    await poll(() => summaryTotals(page)).toMatch(/^9 nodes/);
    await poll(() => edgeCount(page)).toBe(example.edges.length + 1);
    const added = await savedGraph(page);
    const newId = Object.keys(added.nodes).find((id) => !(id in example.nodes));
    expect(newId && added.nodes[newId]?.type).toBe('adam');
    expect(added.edges).toContainEqual({ from: { node: 'sched', port: 'lr' }, to: { node: newId, port: 'lr' } });

    // Adding and connecting was one user action: one undo takes both back, and nothing is left to undo.
    await page.keyboard.press('Control+z');
    await poll(() => summaryTotals(page)).toMatch(/^8 nodes/);
    expect(await edgeCount(page)).toBe(example.edges.length);
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    await closeWithoutErrors({ context, errors });
  });

  it('library: lists saved graphs with summaries; rename, duplicate and delete survive a reload and opening', async () => {
    const { context, page, errors } = await editor.open();
    await page.getByTestId('node-h1').waitFor();
    const params = /· (\S+) params/.exec(await summaryTotals(page))?.[1];
    expect(params).toBeDefined();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await poll(() => summaryTotals(page)).toMatch(/^0 nodes/);

    await openLibrary(page);
    await poll(() => libraryNames(page)).toEqual([spirals, 'Untitled graph'].sort());
    const row = (name: string) => library(page).getByTestId('library-row').filter({ has: page.getByRole('button', { name, exact: true }) });
    const cells = await row(spirals).getByRole('cell').allInnerTexts();
    expect(cells.slice(1, 3)).toEqual(['8', params]);
    // The open graph cannot be deleted from under the editor.
    expect(await row('Untitled graph').getByRole('button', { name: 'Delete' }).isDisabled()).toBe(true);

    page.once('dialog', (d) => void d.accept('Spirals v2'));
    await row(spirals).getByRole('button', { name: 'Rename' }).click();
    await poll(() => libraryNames(page)).toContain('Spirals v2');
    await row('Spirals v2').getByRole('button', { name: 'Duplicate' }).click();
    await poll(() => libraryNames(page)).toContain('Spirals v2 (copy)');
    expect(await row('Spirals v2 (copy)').getByRole('cell').nth(1).innerText()).toBe('8');
    page.once('dialog', (d) => void d.accept());
    await row('Spirals v2 (copy)').getByRole('button', { name: 'Delete' }).click();
    await poll(() => libraryNames(page)).toEqual(['Spirals v2', 'Untitled graph']);

    // IndexedDB keeps it across a reload; the renamed graph opens under its new name and keeps it.
    await page.reload();
    await poll(() => page.getByTestId('graph-name').innerText()).toBe('Untitled graph');
    await openLibrary(page);
    await poll(() => libraryNames(page)).toEqual(['Spirals v2', 'Untitled graph']);
    await library(page).getByRole('button', { name: 'Spirals v2', exact: true }).click();
    await poll(() => summaryTotals(page)).toMatch(/^8 nodes/);
    expect(await page.getByTestId('graph-name').innerText()).toBe('Spirals v2');
    await waitSaved(page);
    await openLibrary(page);
    await poll(() => libraryNames(page)).toEqual(['Spirals v2', 'Untitled graph']);
    await closeWithoutErrors({ context, errors });
  });

  it('examples gallery: opens a bundled example as a new graph and keeps the open one (with its unsaved edit)', async () => {
    const { context, page, errors } = await editor.open();
    await pressOnNode(page, 'acc', 'Delete');
    await poll(() => summaryTotals(page)).toMatch(/^7 nodes/);

    await openLibrary(page);
    await library(page).getByRole('region', { name: 'Examples' }).getByRole('button', { name: 'gla-associative-recall' }).click();
    await poll(() => page.getByTestId('graph-name').innerText()).toBe(gla.meta.title);
    expect(await library(page).count()).toBe(0);
    await poll(() => summaryTotals(page)).toMatch(new RegExp(`^${String(Object.keys(gla.nodes).length)} nodes`));
    // Opening is not an edit.
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);

    await openLibrary(page);
    await poll(() => libraryNames(page)).toEqual([gla.meta.title, spirals].sort());
    await library(page).getByRole('button', { name: spirals, exact: true }).click();
    await poll(() => summaryTotals(page)).toMatch(/^7 nodes/);
    expect(await page.getByTestId('node-acc').count()).toBe(0);
    await closeWithoutErrors({ context, errors });
  });

  it('auto-layout: lays a right-to-left graph out so every edge runs left to right; one undo restores it', async () => {
    const mirrored = JSON.parse(exampleText) as GraphFile;
    for (const n of Object.values(mirrored.nodes)) n.position.x = 1300 - n.position.x;
    const { context, page, errors } = await editor.open();
    await openViaChooser(page, 'mirrored.graph.json', JSON.stringify(mirrored));
    await poll(() => dataLeftOfOptimizer(page)).toBe(false);
    const before = await savedGraph(page);

    await page.getByRole('button', { name: 'Layout' }).click();
    await poll(() => dataLeftOfOptimizer(page)).toBe(true);
    await poll(() => page.locator('.react-flow__node').count()).toBe(8);
    const after = await savedGraph(page);
    const widths = await drawnWidths(page);
    for (const e of after.edges) {
      const from = after.nodes[e.from.node];
      const to = after.nodes[e.to.node];
      const width = widths[e.from.node];
      expect(from && to && width, `${e.from.node} -> ${e.to.node}`).toBeTruthy();
      if (!from || !to || width === undefined) continue;
      expect(from.position.x + width, `${e.from.node} ends left of ${e.to.node}`).toBeLessThanOrEqual(to.position.x);
    }

    await page.keyboard.press('Control+z');
    await poll(async () => (await savedGraph(page)).nodes).toEqual(before.nodes);
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    await closeWithoutErrors({ context, errors });
  });

  it('copy in one tab, paste in another: the nodes and the links between them arrive', async () => {
    const { context, page, errors } = await editor.open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(editor.url).origin });
    await page.getByTestId('node-h1').click();
    await page.getByTestId('node-h2').click({ modifiers: ['Control'] });
    await page.keyboard.press('Control+c');
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as GraphFile & { format: string };
    expect(copied.format).toBe('netwright.graph');
    expect(Object.values(copied.nodes).map((n) => n.type)).toEqual(['dense', 'dense']);
    await waitSaved(page);

    const other = await context.newPage();
    other.on('pageerror', (e) => errors.push(e.message));
    await other.goto(editor.url);
    await other.getByTestId('node-h1').waitFor();
    await other.getByRole('button', { name: 'New', exact: true }).click();
    await poll(() => summaryTotals(other)).toMatch(/^0 nodes/);
    const canvas = await other.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    await other.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await other.keyboard.press('Control+v');
    await poll(() => summaryTotals(other)).toMatch(/^2 nodes/);
    expect(await edgeCount(other)).toBe(1);
    const pasted = await savedGraph(other);
    expect(Object.values(pasted.nodes).map((n) => n.type)).toEqual(['dense', 'dense']);
    expect(pasted.edges).toHaveLength(1);
    // The first page keeps its graph.
    expect(await summaryTotals(page)).toMatch(/^8 nodes/);
    await closeWithoutErrors({ context, errors });
  });

  it('theme: the toggle switches dark and light, and the choice survives a reload', async () => {
    const { context, page, errors } = await editor.open();
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const first = await theme();
    const other = first === 'dark' ? 'light' : 'dark';
    await page.getByRole('button', { name: other === 'dark' ? 'Dark' : 'Light', exact: true }).click();
    await poll(theme).toBe(other);
    await page.reload();
    await page.getByTestId('app').waitFor();
    await poll(theme).toBe(other);
    // The button offers the way back.
    expect(await page.getByRole('button', { name: first === 'dark' ? 'Dark' : 'Light', exact: true }).count()).toBe(1);
    await closeWithoutErrors({ context, errors });
  });

  it('keyboard: Ctrl+D duplicates, Delete removes, F fits the view, ? and the help button show the shortcuts', async () => {
    const { context, page, errors } = await editor.open();
    await pressOnNode(page, 'h1', 'Control+d');
    await poll(() => summaryTotals(page)).toMatch(/^9 nodes/);
    await page.keyboard.press('Delete');
    await poll(() => summaryTotals(page)).toMatch(/^8 nodes/);
    // Deleting a node takes its links along.
    await pressOnNode(page, 'h2', 'Delete');
    await poll(() => summaryTotals(page)).toMatch(/^7 nodes/);
    expect(await edgeCount(page)).toBe(example.edges.length - 2);

    // Zoom in until nodes fall off the view, then F brings them all back inside the canvas.
    const canvas = await page.getByTestId('canvas').boundingBox();
    if (!canvas) throw new Error('no canvas');
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
    await poll(() => page.locator('.react-flow__node').count()).toBeLessThan(7);
    await page.keyboard.press('f');
    await poll(() => page.locator('.react-flow__node').count()).toBe(7);
    await poll(async () => {
      const boxes = await Promise.all((await page.locator('.react-flow__node').all()).map((n) => n.boundingBox()));
      return boxes.every((b) => b !== null && b.x >= canvas.x && b.y >= canvas.y && b.x + b.width <= canvas.x + canvas.width && b.y + b.height <= canvas.y + canvas.height);
    }).toBe(true);

    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await page.keyboard.press('?');
    await help.waitFor();
    expect(await help.innerText()).toContain('Duplicate selection');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '?', exact: true }).click();
    await help.waitFor();
    await help.getByRole('button', { name: 'Close' }).click();
    await help.waitFor({ state: 'detached' });
    await closeWithoutErrors({ context, errors });
  });
});
