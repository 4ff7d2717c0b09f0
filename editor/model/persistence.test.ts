import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { serializeGraphText } from './graphText.ts';
import { startAutosave } from './autosave.ts';
import { createEditorStore } from './editorStore.ts';
import { addPluginNode, connectPorts, moveNodes } from './graphActions.ts';
import { deleteGraph, duplicateGraph, getGraph, listGraphs, openEditorDb, renameGraph } from './graphDatabase.ts';
import { restoreSession } from './restoreSession.ts';
import { shareUrl } from './shareLink.ts';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';

let dbSeq = 0;
const freshDb = () => openEditorDb(`test-db-${++dbSeq}`);
const noExample = () => Promise.resolve(undefined);

const withPlaceholder = JSON.stringify({
  format: 'netwright.graph',
  version: 1,
  plugins: {},
  meta: { title: 'Has a ghost' },
  nodes: {
    source1: { type: 'test.source', params: { features: 3 }, position: { x: 0, y: 0 } },
    ghost1: { type: 'acme.ghost', params: { depth: 7, weird: [1, 2] }, position: { x: 300, y: 0 }, data: { keep: 'me' } },
  },
  edges: [{ from: { node: 'source1', port: 'x' }, to: { node: 'ghost1', port: 'inp' } }],
});

/** A store that opened the graph with a placeholder, then added a node and autosaved it. */
async function savedGraph() {
  const db = await freshDb();
  const store = createEditorStore(testRegistry());
  await restoreSession(store, db, { hash: '', example: () => Promise.resolve(withPlaceholder) });
  const autosave = startAutosave(store, db, 5);
  addPluginNode(store, 'test.dense', { x: 0, y: 0 });
  await autosave.flush();
  return { db, store, autosave, id: store.getState().graphId };
}

describe('autosave and restore', () => {
  it('writes edits (debounced) and a reload restores them, placeholders included', async () => {
    const db = await freshDb();
    const store = createEditorStore(testRegistry());
    expect(await restoreSession(store, db, { hash: '', example: () => Promise.resolve(withPlaceholder) })).toBe('example');
    expect(store.getState().missingPlugins).toEqual(['acme.ghost']);
    const autosave = startAutosave(store, db, 20);
    const d = addPluginNode(store, 'test.dense', { x: 0, y: 200 })!;
    connectPorts(store, { node: 'source1', port: 'x' }, { node: d, port: 'x' });
    for (let x = 0; x < 30; x++) moveNodes(store, { [d]: { x, y: 200 } }, true);
    expect(autosave.status()).toBe('pending');
    await autosave.flush();
    expect(autosave.status()).toBe('saved');
    autosave.stop();

    // A "reload": a new store over the same database.
    const again = createEditorStore(testRegistry());
    expect(await restoreSession(again, db, { hash: '', example: noExample })).toBe('restored');
    const doc = again.getState().doc;
    expect(doc.nodes[d]!.position).toEqual({ x: 29, y: 200 });
    expect(Object.keys(doc.edges)).toHaveLength(2);
    expect(again.getState().missingPlugins).toEqual(['acme.ghost']);
    expect(serializeGraphText(doc, again.registry)).toBe(serializeGraphText(store.getState().doc, store.registry));
    expect(again.getState().canUndo).toBe(false);
  });

  it('opens a share link as a new graph and never overwrites the open one', async () => {
    const { db, store, autosave, id: firstId } = await savedGraph();

    const shared = createEditorStore(testRegistry());
    const text = serializeGraphText(store.getState().doc, store.registry);
    const hash = new URL(shareUrl('http://localhost/', text)).hash;
    expect(await restoreSession(shared, db, { hash, example: noExample })).toBe('share');
    expect(shared.getState().graphId).not.toBe(firstId);
    const autosave2 = startAutosave(shared, db, 5);
    await autosave2.flush();
    const list = await listGraphs(db);
    expect(list.map((g) => g.id).sort()).toEqual([firstId, shared.getState().graphId].sort());
    expect((await getGraph(db, firstId))!.summary.nodes).toBe(3);
    autosave.stop();
    autosave2.stop();
  });

  it('a broken share link shows why and falls back to the last graph', async () => {
    const db = await freshDb();
    const store = createEditorStore(testRegistry());
    expect(await restoreSession(store, db, { hash: '#graph=AAAA', example: noExample })).toBe('empty');
    expect(store.getState().notices[0]?.message).toMatch(/^Could not open the shared link: /);
  });

  it('library: list with summaries, rename, duplicate, delete', async () => {
    const { db, autosave, id } = await savedGraph();
    const [rec] = await listGraphs(db);
    expect(rec).toMatchObject({ id, name: 'Has a ghost', summary: { nodes: 3, edges: 1, missing: ['acme.ghost'] } });
    expect(await renameGraph(db, id, 'Renamed')).toBe(true);
    const copy = await duplicateGraph(db, id);
    expect(copy?.name).toBe('Renamed (copy)');
    expect(copy?.text).toBe(rec!.text);
    await deleteGraph(db, id);
    expect((await listGraphs(db)).map((g) => g.id)).toEqual([copy!.id]);
    autosave.stop();
  });
});
