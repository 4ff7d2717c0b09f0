/**
 * Nothing hangs, nothing is lost (issue 18), in the real editor: two tabs on one graph (two
 * pages of one browser context), a boot whose IndexedDB reads fail, and a tiny share link that
 * inflates to millions of values.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shareUrl } from '../../editor/model/shareLink.ts';
import { readFileSync } from 'node:fs';
import { dropPlugin, openViaChooser, ROOT, summaryTotals, useEditorSession, waitSaved } from './harness.ts';

const editor = useEditorSession();

/** The graphs in the page's library, read from its IndexedDB. */
function libraryOf(page: Page): Promise<{ name: string; text: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ name: string; text: string }[]>((resolve, reject) => {
        const open = indexedDB.open('netwright-editor');
        open.onerror = () => { reject(new Error('cannot open the library')); };
        open.onsuccess = () => {
          const request = open.result.transaction('graphs').objectStore('graphs').getAll();
          request.onsuccess = () => { resolve((request.result as { name: string; text: string }[]).map(({ name, text }) => ({ name, text }))); };
        };
      }),
  );
}

describe('hostile and careless use of the editor', () => {
  it('two tabs: the second save is told and offered a choice; keep both loses nothing', async () => {
    const { context, page: a, errors } = await editor.open();
    await waitSaved(a);
    const b = await context.newPage();
    await b.goto(editor.url);
    await waitSaved(b);
    const before = Number(/^(\d+) nodes/.exec(await summaryTotals(a))![1]);

    await dropPlugin(a, 'dense', 300, 420);
    await expect.poll(() => summaryTotals(a)).toMatch(new RegExp(`^${before + 1} nodes`));
    await waitSaved(a);
    // Tab B hears of the save at once and says so before it writes anything.
    await b.getByTestId('save-conflict').waitFor();
    expect(await b.getByTestId('autosave-status').innerText()).toBe('Changed in another tab');
    await b.screenshot({ path: `${ROOT}/test-results/save-conflict.png` });
    // B moves a node anyway: still nothing is written over A's save.
    const box = (await b.getByTestId('node-h1').boundingBox())!;
    await b.mouse.move(box.x + 10, box.y + 10);
    await b.mouse.down();
    await b.mouse.move(box.x + 70, box.y + 130, { steps: 5 });
    await b.mouse.up();
    await new Promise((r) => setTimeout(r, 600)); // longer than the autosave debounce
    expect(await b.getByTestId('autosave-status').getAttribute('data-status')).toBe('conflict');
    const saved = await libraryOf(a);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.text).toContain('"dense1"');

    await b.getByTestId('conflict-copy').click();
    await waitSaved(b);
    const both = await libraryOf(a);
    expect(both).toHaveLength(2);
    const copy = both.find((g) => g.name.endsWith('(copy)'))!;
    const original = both.find((g) => !g.name.endsWith('(copy)'))!;
    expect(original.text).toContain('"dense1"');
    expect(copy.text).not.toContain('"dense1"');
    // B's move is kept in the copy.
    const h1 = (text: string): unknown => (JSON.parse(text) as { nodes: { h1: { position: unknown } } }).nodes.h1.position;
    expect(h1(copy.text)).not.toEqual(h1(original.text));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('boots with a database whose reads fail: the editor opens and says storage is unavailable', async () => {
    const context = await editor.browser.newContext({ viewport: { width: 1400, height: 860 } });
    await context.addInitScript(() => {
      IDBObjectStore.prototype.get = () => {
        throw new DOMException('disk I/O error', 'UnknownError');
      };
    });
    const page = await context.newPage();
    await page.goto(editor.url);
    await page.waitForSelector('[data-testid="app"]');
    await expect.poll(() => page.getByTestId('notice-error').first().innerText()).toMatch(/Local storage is unavailable, so the last graph could not be restored \(disk I\/O error\)/);
    await expect.poll(() => summaryTotals(page)).toMatch(/^[1-9]\d* nodes/);
    await context.close();
  });

  it('a short share link that inflates to millions of values is refused at the meta budget', async () => {
    const text = `{"format":"netwright.graph","version":1,"nodes":{},"meta":{"x":[${'{},'.repeat(2_500_000)}{}]}}`;
    const url = shareUrl(editor.url, text);
    expect(url.length).toBeLessThan(20_000);
    const { context, page } = await editor.open();
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(url);
    await page.waitForSelector('[data-testid="app"]');
    // Inflated and checked off the main thread, in the share worker.
    await expect.poll(() => workers.some((w) => w.includes('shareDecode.worker'))).toBe(true);
    await expect.poll(() => page.getByTestId('notice-error').first().innerText()).toMatch(/Could not open the shared link: meta\.x\[\d+\]: "meta" holds more than 50,000 JSON values/);
    await context.close();
  });

  it('flags a node too costly for this machine, naming node and param, before any run', async () => {
    const g = JSON.parse(readFileSync(`${ROOT}/graphs/two-spirals-mlp.graph.json`, 'utf8')) as { nodes: Record<string, { params: Record<string, unknown> }> };
    g.nodes.h1!.params.units = 65_536;
    g.nodes.h2!.params.units = 65_536;
    const { context, page } = await editor.open();
    await openViaChooser(page, 'huge.graph.json', JSON.stringify(g));
    await expect.poll(() => page.getByTestId('node-h2').getByTestId('node-diagnostics').getAttribute('title')).toMatch(/its weights take 16\.0 GB.*lower units \(now 65,536\)/s);
    await context.close();
  });

  it('a graph over the loader limit is not autosaved: the last good copy stays and the user is told', async () => {
    const g = JSON.parse(readFileSync(`${ROOT}/graphs/two-spirals-mlp.graph.json`, 'utf8')) as { nodes: Record<string, { data?: unknown }> };
    // 2 MB compact; its canonical (indented) form is over 20 MB.
    let nested: unknown = Array<string>(250_000).fill('abc');
    for (let i = 0; i < 40; i++) nested = [nested];
    g.nodes.h1!.data = { notes: nested };
    const { context, page } = await editor.open();
    await waitSaved(page);
    // The example the editor opened is stored first (the status can say saved a moment before).
    await expect.poll(async () => (await libraryOf(page)).length).toBe(1);
    const before = await libraryOf(page);
    await openViaChooser(page, 'compact.graph.json', JSON.stringify(g));
    await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-status')).toBe('error');
    await expect.poll(() => page.getByTestId('notice-error').first().innerText()).toMatch(/This graph is 2\d\.\d MB; the limit is 20 MB, so it is not saved in the browser; the last saved copy is kept/);
    expect(await libraryOf(page)).toEqual(before);
    await context.close();
  });

  it('storage full: the write is retried without another edit, with what to do', async () => {
    const context = await editor.browser.newContext({ viewport: { width: 1400, height: 860 } });
    // The first put after the example is stored is refused for quota, as a full disk would.
    await context.addInitScript(() => {
      const put = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!.value as IDBObjectStore['put'];
      let puts = 0;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        puts++;
        if (puts === 3) throw new DOMException('quota reached', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    const page = await context.newPage();
    await page.goto(editor.url);
    await waitSaved(page); // two puts: the graph and the current-graph pointer
    await dropPlugin(page, 'dense', 300, 420);
    await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-status')).toBe('error');
    expect(await page.getByTestId('autosave-status').getAttribute('title')).toMatch(/storage for this site is full.*Delete graphs you no longer need in the Library/);
    await waitSaved(page);
    expect((await libraryOf(page))[0]!.text).toContain('"dense1"');
    await context.close();
  });
});
