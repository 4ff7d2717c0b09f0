import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../model/editorStore.ts';
import { addPluginNode } from '../model/graphActions.ts';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import type { DraggedPort } from './paletteSearch.ts';
import { quickAddNode } from './quickAddNode.ts';

function draggedOutput(store: ReturnType<typeof createEditorStore>, node: string, port: string): DraggedPort {
  const { doc, inference } = store.getState();
  const spec = store.registry.get(doc.nodes[node]!.type)!;
  const value = inference.nodes[node]?.outputs[port];
  return { side: 'output', spec: spec.outputs[port]!, ...(value ? { value } : {}) };
}

describe('quick add', () => {
  it('adds and connects the node as one undo step, and selects it', () => {
    const store = createEditorStore(testRegistry());
    const src = addPluginNode(store, 'test.source', { x: 0, y: 0 })!;
    const id = quickAddNode(store, 'test.dense', { x: 240.4, y: 10.6 }, { node: src, port: 'x', side: 'output' }, draggedOutput(store, src, 'x'))!;
    const { doc, selection } = store.getState();
    expect(doc.nodes[id]).toMatchObject({ type: 'test.dense', position: { x: 240, y: 11 } });
    expect(Object.values(doc.edges).map((e) => [e.from, e.to])).toEqual([[{ node: src, port: 'x' }, { node: id, port: 'x' }]]);
    expect(selection.nodes).toEqual([id]);

    store.undo();
    expect(Object.keys(store.getState().doc.nodes)).toEqual([src]);
    expect(Object.keys(store.getState().doc.edges)).toEqual([]);
    store.redo();
    expect(Object.keys(store.getState().doc.edges)).toHaveLength(1);
    store.undo();
    // The source's own add is still there: quick add did not swallow the step before it.
    store.undo();
    expect(Object.keys(store.getState().doc.nodes)).toEqual([]);
  });

  it('connects a node dragged from an input through its output', () => {
    const store = createEditorStore(testRegistry());
    const dense = addPluginNode(store, 'test.dense', { x: 300, y: 0 })!;
    const spec = store.registry.get('test.dense')!;
    const id = quickAddNode(store, 'test.source', { x: 0, y: 0 }, { node: dense, port: 'x', side: 'input' }, { side: 'input', spec: spec.inputs.x! })!;
    expect(Object.values(store.getState().doc.edges).map((e) => [e.from, e.to])).toEqual([[{ node: id, port: 'x' }, { node: dense, port: 'x' }]]);
  });

  it('adds the node alone when no port fits, and refuses an unknown plugin', () => {
    const store = createEditorStore(testRegistry());
    const sched = addPluginNode(store, 'test.schedule', { x: 0, y: 0 })!;
    const id = quickAddNode(store, 'test.dense', { x: 200, y: 0 }, { node: sched, port: 'schedule', side: 'output' }, draggedOutput(store, sched, 'schedule'));
    expect(id).toBeDefined();
    expect(Object.keys(store.getState().doc.edges)).toEqual([]);
    expect(quickAddNode(store, 'acme.ghost', { x: 0, y: 0 })).toBeUndefined();
    expect(store.getState().notices.at(-1)?.message).toMatch(/acme\.ghost/);
  });
});
