import { describe, expect, it } from 'vitest';
import { addNode, connect, move, removeNodes, setData, setParam } from './commands.ts';
import { createHistory } from './history.ts';
import { emptyGraph } from './types.ts';

function twoNodes() {
  const h = createHistory(emptyGraph());
  h.apply(addNode, { id: 'a', type: 't', position: { x: 0, y: 0 } });
  h.apply(addNode, { id: 'b', type: 't', position: { x: 0, y: 0 } });
  return h;
}

describe('history', () => {
  it('undoes and redoes one entry per command', () => {
    const h = twoNodes();
    h.apply(connect, { from: { node: 'a', port: 'y' }, to: { node: 'b', port: 'x' } });
    expect(h.undo()).toBe(true);
    expect(h.getState().doc.edges).toEqual({});
    expect(h.undo()).toBe(true);
    expect(Object.keys(h.getState().doc.nodes)).toEqual(['a']);
    expect(h.redo()).toBe(true);
    expect(h.redo()).toBe(true);
    expect(Object.keys(h.getState().doc.edges)).toEqual(['a.y->b.x']);
    expect(h.redo()).toBe(false);
  });

  it('squashes a drag into one entry and mark() starts a new one', () => {
    const h = twoNodes();
    h.mark();
    for (let i = 1; i <= 5; i++) h.apply(move, { positions: { a: { x: i, y: i } } }, { squashKey: 'drag' });
    h.mark();
    h.apply(move, { positions: { a: { x: 100, y: 100 } } }, { squashKey: 'drag' });
    h.undo();
    expect(h.getState().doc.nodes.a!.position).toEqual({ x: 5, y: 5 });
    h.undo();
    expect(h.getState().doc.nodes.a!.position).toEqual({ x: 0, y: 0 });
    h.undo();
    expect(Object.keys(h.getState().doc.nodes)).toEqual(['a']);
  });

  it('never records machine changes but keeps them across undo', () => {
    const h = twoNodes();
    h.apply(setParam, { node: 'a', param: 'units', value: 3 });
    h.apply(setData, { node: 'b', data: { refined: [1, 2] } }, { record: false });
    expect(h.getState().canRedo).toBe(false);
    h.undo();
    const doc = h.getState().doc;
    expect(doc.nodes.a!.params).toEqual({});
    expect(doc.nodes.b!.data).toEqual({ refined: [1, 2] });
    // Only the two addNode entries remain.
    h.undo();
    h.undo();
    expect(h.undo()).toBe(false);
  });

  it('survives undo after a machine change removed what the entry touched', () => {
    const h = twoNodes();
    h.apply(setParam, { node: 'b', param: 'u', value: 1 });
    h.apply(removeNodes, { nodes: ['b'] }, { record: false });
    const before = h.getState().doc;
    // The entry no longer fits the document: undo refuses and drops the stale stacks rather
    // than reviving half a node.
    expect(h.undo()).toBe(false);
    expect(h.getState().doc).toBe(before);
    expect(h.getState()).toMatchObject({ canUndo: false, canRedo: false });
  });

  it('a new recorded command clears redo; reset clears everything', () => {
    const h = twoNodes();
    h.undo();
    expect(h.getState().canRedo).toBe(true);
    h.apply(setParam, { node: 'a', param: 'u', value: 1 });
    expect(h.getState().canRedo).toBe(false);
    h.reset(emptyGraph({ title: 'loaded' }));
    expect(h.getState()).toMatchObject({
      canUndo: false,
      canRedo: false,
      doc: { meta: { title: 'loaded' } },
    });
  });

  it('notifies subscribers with a stable snapshot; a failed command changes nothing', () => {
    const h = twoNodes();
    let calls = 0;
    const off = h.subscribe(() => calls++);
    const before = h.getState();
    expect(h.getState()).toBe(before);
    expect(() => h.apply(setParam, { node: 'zz', param: 'u', value: 1 })).toThrow(/"zz"/);
    expect(h.getState()).toBe(before);
    h.apply(setParam, { node: 'a', param: 'u', value: 1 });
    expect(calls).toBe(1);
    expect(h.getState().revision).toBe(before.revision + 1);
    off();
    h.undo();
    expect(calls).toBe(1);
  });
});
