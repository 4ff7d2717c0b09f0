import { describe, expect, it } from 'vitest';
import { formatShape } from '../../runtime/sdk/index.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import { createRegistry, type AnyPluginSpec } from '../../runtime/sdk/index.ts';
import { createEditorStore } from './editorStore.ts';
import { fragmentText } from './fragment.ts';
import { addPluginNode, connectPorts, deleteSelection, duplicateSelection, moveNodes, pasteText, saveRunData, setNodeParam } from './graphActions.ts';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';

function shapeOf(store: ReturnType<typeof createEditorStore>, node: string, port: string): string | undefined {
  const v = store.getState().inference.nodes[node]?.outputs[port];
  return v?.kind === 'tensor' ? formatShape(v.shape) : undefined;
}

function mlp() {
  const store = createEditorStore(testRegistry());
  const src = addPluginNode(store, 'test.source', { x: 0, y: 0 })!;
  const d1 = addPluginNode(store, 'test.dense', { x: 200, y: 0 })!;
  expect(connectPorts(store, { node: src, port: 'x' }, { node: d1, port: 'x' })).toBeUndefined();
  return { store, src, d1 };
}

describe('editor store', () => {
  it("saves a run's plugin data as a machine change: in the document, not an undo step", () => {
    const { store, d1 } = mlp();
    setNodeParam(store, d1, 'units', 16);
    const revision = store.getState().revision;
    saveRunData(store, d1, { refined: [0.5, 1, 0.25] });
    expect(store.getState().doc.nodes[d1]!.data).toEqual({ refined: [0.5, 1, 0.25] });
    expect(store.getState().revision).toBeGreaterThan(revision);
    store.undo(); // undoes the param edit, not the data
    expect(store.getState().doc.nodes[d1]!.params.units).toBe(8);
    expect(store.getState().doc.nodes[d1]!.data).toEqual({ refined: [0.5, 1, 0.25] });
    saveRunData(store, 'gone', { x: 1 });
    expect(store.getState().doc.nodes.gone).toBeUndefined();
  });

  it('adds nodes with default params and readable ids, and infers shapes through links', () => {
    const { store, src, d1 } = mlp();
    expect([src, d1]).toEqual(['source1', 'dense1']);
    expect(store.getState().doc.nodes[d1]!.params).toEqual({ units: 8, activation: 'linear', useBias: true, lr: 0.001 });
    expect(shapeOf(store, d1, 'y')).toBe('[?, 8]');
    expect(store.getState().report.nodes[d1]!.paramCount).toBe(2 * 8 + 8);
    setNodeParam(store, d1, 'units', 32);
    expect(shapeOf(store, d1, 'y')).toBe('[?, 32]');
    expect(store.getState().report.paramCount).toBe(2 * 32 + 32);
  });

  it('undoes and redoes every edit, one step each', () => {
    const { store, d1 } = mlp();
    setNodeParam(store, d1, 'units', 32);
    store.undo();
    expect(store.getState().doc.nodes[d1]!.params.units).toBe(8);
    store.undo(); // connect
    expect(Object.keys(store.getState().doc.edges)).toHaveLength(0);
    expect(shapeOf(store, d1, 'y')).toBeUndefined();
    store.redo();
    store.redo();
    expect(store.getState().doc.nodes[d1]!.params.units).toBe(32);
    expect(store.getState().canRedo).toBe(false);
  });

  it('squashes a drag into one undo step and keeps inference identity while moving', () => {
    const { store, d1 } = mlp();
    const before = store.getState();
    for (let x = 201; x <= 260; x++) moveNodes(store, { [d1]: { x, y: 5 } }, true);
    store.closeSquash();
    expect(store.getState().inference).toBe(before.inference);
    expect(store.getState().report).toBe(before.report);
    expect(store.getState().doc.nodes[d1]!.position).toEqual({ x: 260, y: 5 });
    store.undo();
    expect(store.getState().doc.nodes[d1]!.position).toEqual({ x: 200, y: 0 });
    // Typing into a field squashes too, but a new key starts a new step.
    setNodeParam(store, d1, 'units', 1, 'typing');
    setNodeParam(store, d1, 'units', 12, 'typing');
    store.closeSquash();
    setNodeParam(store, d1, 'units', 16, 'typing');
    store.undo();
    expect(store.getState().doc.nodes[d1]!.params.units).toBe(12);
    store.undo();
    expect(store.getState().doc.nodes[d1]!.params.units).toBe(8);
  });

  it('refuses bad links and says why, changing nothing', () => {
    const { store, src, d1 } = mlp();
    const seq = addPluginNode(store, 'test.sequence', { x: 0, y: 200 })!;
    const sched = addPluginNode(store, 'test.schedule', { x: 0, y: 300 })!;
    const loss = addPluginNode(store, 'test.loss', { x: 400, y: 0 })!;
    const rev = store.getState().revision;
    expect(connectPorts(store, { node: seq, port: 'x' }, { node: d1, port: 'x' })).toMatch(/expects rank 2 but gets rank 3/);
    expect(connectPorts(store, { node: sched, port: 'schedule' }, { node: d1, port: 'x' })).toMatch(/schedule output cannot feed a tensor input/);
    expect(connectPorts(store, { node: d1, port: 'y' }, { node: d1, port: 'x' })).toMatch(/cannot feed itself/);
    // Deep check: inference with the link in place names the port.
    expect(connectPorts(store, { node: d1, port: 'y' }, { node: loss, port: 'pred' })).toBeUndefined();
    expect(connectPorts(store, { node: src, port: 'x' }, { node: loss, port: 'target' })).toMatch(/pred has 8 features but target has 2/);
    const last = store.getState().notices.at(-1);
    expect(last?.kind).toBe('error');
    expect(last?.message).toMatch(/^Cannot connect: loss1.target/);
    expect(store.getState().revision).toBe(rev + 1); // only the good link changed the doc
  });

  it('a second link into an input replaces the first', () => {
    const { store, d1 } = mlp();
    const src2 = addPluginNode(store, 'test.source', { x: 0, y: 100 })!;
    connectPorts(store, { node: src2, port: 'x' }, { node: d1, port: 'x' });
    const edges = Object.values(store.getState().doc.edges);
    expect(edges).toHaveLength(1);
    expect(edges[0]!.from.node).toBe(src2);
  });

  it('deletes a node with its links; duplicates with fresh ids and internal links', () => {
    const { store, src, d1 } = mlp();
    store.select({ nodes: [src, d1], edges: [] });
    duplicateSelection(store);
    const s = store.getState();
    expect(Object.keys(s.doc.nodes).sort()).toEqual(['dense1', 'dense2', 'source1', 'source2']);
    expect([...s.selection.nodes].sort()).toEqual(['dense2', 'source2']);
    expect(Object.values(s.doc.edges).map((e) => `${e.from.node}->${e.to.node}`).sort()).toEqual(['source1->dense1', 'source2->dense2']);
    expect(s.doc.nodes.dense2!.position).toEqual({ x: 240, y: 40 });
    store.select({ nodes: ['source1'], edges: [] });
    deleteSelection(store);
    expect(Object.keys(store.getState().doc.edges)).toHaveLength(1);
    expect(store.getState().selection.nodes).toEqual([]);
  });

  it('copies as graph-file JSON and pastes at a point; garbage pastes nothing', () => {
    const { store, src, d1 } = mlp();
    const text = fragmentText(store.getState().doc, [src, d1], store.registry);
    expect(JSON.parse(text)).toMatchObject({ format: 'netwright.graph' });
    expect(pasteText(store, text, { x: 1000, y: 500 })).toBe(true);
    const doc = store.getState().doc;
    expect(doc.nodes.source2!.position).toEqual({ x: 1000, y: 500 });
    expect(doc.nodes.dense2!.position).toEqual({ x: 1200, y: 500 });
    const rev = store.getState().revision;
    expect(pasteText(store, '{"format":"evil"', undefined)).toBe(false);
    expect(pasteText(store, '<img src=x onerror=alert(1)>', undefined)).toBe(false);
    expect(store.getState().revision).toBe(rev);
    expect(store.getState().notices.at(-1)?.message).toMatch(/^Cannot paste: /);
  });

  it('infers only what an edit changed, and a run compiles with that inference without inferring again', () => {
    let calls = 0;
    const counted = testRegistry()
      .list()
      .map((spec): AnyPluginSpec => ({
        ...spec,
        infer: (args) => {
          calls++;
          return spec.infer(args);
        },
      }));
    const store = createEditorStore(createRegistry(counted));
    const src = addPluginNode(store, 'test.source', { x: 0, y: 0 })!;
    const d1 = addPluginNode(store, 'test.dense', { x: 200, y: 0 })!;
    const d2 = addPluginNode(store, 'test.dense', { x: 400, y: 0 })!;
    connectPorts(store, { node: src, port: 'x' }, { node: d1, port: 'x' });
    connectPorts(store, { node: d1, port: 'y' }, { node: d2, port: 'x' });
    calls = 0;
    setNodeParam(store, d2, 'units', 4);
    expect(calls).toBe(1); // the edited node only: nothing upstream of it changed
    moveNodes(store, { [d1]: { x: 250, y: 0 } }, false);
    expect(calls).toBe(1);
    const { doc, inference } = store.getState();
    const compiled = compileGraph(doc, store.registry, { inference });
    expect(calls).toBe(1);
    expect(compiled).toEqual(compileGraph(doc, store.registry));
    expect(calls).toBe(4); // compiling without the store's inference infers every node again
  });
});
