import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../../runtime/graph/types.ts';
import { startAutosave } from '../model/autosave.ts';
import { createEditorStore } from '../model/editorStore.ts';
import { addPluginNode } from '../model/graphActions.ts';
import { getGraph, listGraphs, openEditorDb, putGraph } from '../model/graphDatabase.ts';
import { openGraphText } from '../model/openGraph.ts';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import { duplicateStoredGraph, renameStoredGraph } from './libraryRecords.ts';

let dbSeq = 0;
const freshDb = () => openEditorDb(`library-records-${++dbSeq}`);

/** A library with one saved graph titled "First", written by autosave like the editor does. */
async function libraryWithOneGraph() {
  const db = await freshDb();
  const store = createEditorStore(testRegistry(), emptyGraph({ title: 'First' }), 'g-first');
  const autosave = startAutosave(store, db, 5);
  addPluginNode(store, 'test.source', { x: 0, y: 0 });
  await autosave.flush();
  autosave.stop();
  return db;
}

/** Opens a stored graph in a new store, edits it, and lets autosave write it back. */
async function openEditAndSave(db: Awaited<ReturnType<typeof freshDb>>, id: string) {
  const rec = (await getGraph(db, id))!;
  const store = createEditorStore(testRegistry());
  expect(openGraphText(store, rec.text, rec.name, rec.id, rec.name)).toBe(true);
  const autosave = startAutosave(store, db, 5);
  addPluginNode(store, 'test.dense', { x: 200, y: 0 });
  await autosave.flush();
  autosave.stop();
  return store;
}

describe('library records', () => {
  it('a rename reaches the title inside the file, so opening and saving the graph keeps it', async () => {
    const db = await libraryWithOneGraph();
    const renamed = (await renameStoredGraph(db, testRegistry(), 'g-first', 'Renamed'))!;
    expect(renamed.name).toBe('Renamed');
    expect((JSON.parse(renamed.text) as { meta: { title: string } }).meta.title).toBe('Renamed');
    const store = await openEditAndSave(db, 'g-first');
    expect(store.getState().doc.meta.title).toBe('Renamed');
    expect((await getGraph(db, 'g-first'))!.name).toBe('Renamed');
    expect(await renameStoredGraph(db, testRegistry(), 'nope', 'x')).toBeUndefined();
  });

  it('a duplicate is titled like its name, and keeps it once opened and saved', async () => {
    const db = await libraryWithOneGraph();
    const copy = (await duplicateStoredGraph(db, testRegistry(), 'g-first'))!;
    expect(copy.name).toBe('First (copy)');
    await openEditAndSave(db, copy.id);
    expect((await listGraphs(db)).map((g) => g.name).sort()).toEqual(['First', 'First (copy)']);
  });

  it('renames a graph whose text no longer loads without touching its bytes', async () => {
    const db = await freshDb();
    const broken = { id: 'g-broken', name: 'Broken', text: '{"format":"netwright.graph"', createdAt: 1, updatedAt: 1, summary: { nodes: 0, edges: 0, params: 0, missing: [] } };
    await putGraph(db, broken);
    const renamed = (await renameStoredGraph(db, testRegistry(), 'g-broken', 'Still broken'))!;
    expect(renamed).toMatchObject({ name: 'Still broken', text: broken.text });
  });
});
