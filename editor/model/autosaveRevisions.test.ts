/**
 * Autosave with revisions (issue 18): two stores on one database are two tabs; nothing one of
 * them saved is ever overwritten silently by the other. Real IndexedDB semantics through
 * fake-indexeddb, real BroadcastChannel (Node has one).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import { startAutosave, type Autosave } from './autosave.ts';
import { createEditorStore, type EditorStore } from './editorStore.ts';
import { addPluginNode, moveNodes, saveRunData } from './graphActions.ts';
import { getGraph, listGraphs, openEditorDb, type EditorDb } from './graphDatabase.ts';
import { restoreSession } from './restoreSession.ts';

let dbSeq = 0;
const EXAMPLE = JSON.stringify({
  format: 'netwright.graph',
  version: 1,
  meta: { title: 'Shared' },
  nodes: { source1: { type: 'test.source', params: { features: 3 }, position: { x: 0, y: 0 } } },
});

async function tab(db: EditorDb): Promise<{ store: EditorStore; autosave: Autosave }> {
  const store = createEditorStore(testRegistry());
  await restoreSession(store, db, { hash: '', example: () => Promise.resolve(EXAMPLE) });
  const autosave = startAutosave(store, db, 5);
  await autosave.flush();
  return { store, autosave };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('autosave with revisions: two tabs', () => {
  it('a tab holding an older revision is told and never overwrites; keep both saves a copy', async () => {
    const db = await openEditorDb(`revisions-${++dbSeq}`);
    const a = await tab(db);
    const b = await tab(db);
    const id = a.store.getState().graphId;
    expect(b.store.getState().graphId).toBe(id);

    const added = addPluginNode(a.store, 'test.dense', { x: 200, y: 0 })!;
    await a.autosave.flush();
    expect(a.autosave.status()).toBe('saved');
    moveNodes(b.store, { source1: { x: 50, y: 50 } }, false);
    await b.autosave.flush();
    await until(() => b.autosave.status() === 'conflict');
    expect(b.autosave.status()).toBe('conflict');
    expect(b.autosave.conflict()).toMatchObject({ graphId: id, name: 'Shared' });
    // Nothing of tab A's was lost.
    expect((await getGraph(db, id))!.text).toContain(`"${added}"`);

    await b.autosave.resolve('copy');
    expect(b.autosave.status()).toBe('saved');
    const graphs = await listGraphs(db);
    expect(graphs.map((g) => g.name).sort()).toEqual(['Shared', 'Shared (copy)']);
    const copy = graphs.find((g) => g.name === 'Shared (copy)')!;
    expect(copy.text).toContain('"x": 50');
    expect(copy.text).not.toContain(`"${added}"`);
    expect((await getGraph(db, id))!.text).toContain(`"${added}"`);
    a.autosave.stop();
    b.autosave.stop();
  });

  it("reload takes the other tab's version; overwrite writes over it at the next revision", async () => {
    const db = await openEditorDb(`revisions-${++dbSeq}`);
    const a = await tab(db);
    const b = await tab(db);
    const id = a.store.getState().graphId;
    const added = addPluginNode(a.store, 'test.dense', { x: 200, y: 0 })!;
    await a.autosave.flush();
    const revisionA = (await getGraph(db, id))!.revision!;
    await until(() => b.autosave.status() === 'conflict');
    await b.autosave.resolve('reload');
    expect(b.store.getState().doc.nodes[added]).toBeDefined();
    expect(b.autosave.status()).toBe('saved');

    moveNodes(a.store, { source1: { x: 9, y: 9 } }, false);
    await a.autosave.flush();
    moveNodes(b.store, { source1: { x: 7, y: 7 } }, false);
    await b.autosave.flush();
    await until(() => b.autosave.status() === 'conflict');
    await b.autosave.resolve('overwrite');
    const stored = (await getGraph(db, id))!;
    expect(stored.text).toContain('"x": 7');
    expect(stored.revision).toBe(revisionA + 2);
    a.autosave.stop();
    b.autosave.stop();
  });
});

describe('autosave keeps the last good copy', () => {
  it("refuses to store a graph over the loader's size limit and says so", async () => {
    const db = await openEditorDb(`revisions-${++dbSeq}`);
    const a = await tab(db);
    const id = a.store.getState().graphId;
    const before = (await getGraph(db, id))!.text;
    saveRunData(a.store, 'source1', { bulk: Array<string>(100).fill('x'.repeat(210_000)) });
    await a.autosave.flush();
    expect(a.autosave.status()).toBe('error');
    expect(a.autosave.lastError()).toMatch(
      /^This graph is 2\d\.\d MB; the limit is 20 MB, so it is not saved in the browser; the last saved copy is kept/,
    );
    expect(a.store.getState().notices.at(-1)?.message).toBe(a.autosave.lastError());
    expect((await getGraph(db, id))!.text).toBe(before);
    a.autosave.stop();
  });

  it('retries a write the browser refused for quota, without waiting for an edit', async () => {
    const db = await openEditorDb(`revisions-${++dbSeq}`);
    const a = await tab(db);
    const real = db.transaction.bind(db);
    let refusals = 1;
    (db as { transaction: unknown }).transaction = (...args: Parameters<typeof real>) => {
      if (args[1] === 'readwrite' && refusals-- > 0)
        throw new DOMException('quota reached', 'QuotaExceededError');
      return real(...args);
    };
    moveNodes(a.store, { source1: { x: 3, y: 4 } }, false);
    await a.autosave.flush();
    expect(a.autosave.status()).toBe('error');
    expect(a.autosave.lastError()).toContain("The browser's storage for this site is full");
    expect(a.autosave.lastError()).toContain('Delete graphs you no longer need in the Library');
    await until(() => a.autosave.status() === 'saved');
    expect(a.autosave.status()).toBe('saved');
    expect((await getGraph(db, a.store.getState().graphId))!.text).toContain('"x": 3');
    a.autosave.stop();
  });

  it('boot survives a database that fails to read: the example opens with a notice', async () => {
    const db = await openEditorDb(`revisions-${++dbSeq}`);
    (db as { get: unknown }).get = () => Promise.reject(new DOMException('disk I/O error', 'UnknownError'));
    const store = createEditorStore(testRegistry());
    expect(await restoreSession(store, db, { hash: '', example: () => Promise.resolve(EXAMPLE) })).toBe(
      'example',
    );
    expect(store.getState().notices[0]?.message).toMatch(
      /^Local storage is unavailable, so the last graph could not be restored \(disk I\/O error\)/,
    );
  });
});
