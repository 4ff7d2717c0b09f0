import { describe, expect, it } from 'vitest';
import { NetwrightError } from '../sdk/errors.ts';
import {
  addNode,
  connect,
  disconnect,
  move,
  removeNodes,
  rename,
  setData,
  setMeta,
  setParam,
  setParams,
} from './commands.ts';
import { edgeId, freshNodeId, parseEdgeId } from './ids.ts';
import { copyNodes, paste, pasteIdMap } from './paste.ts';
import { emptyGraph, type GraphDoc } from './types.ts';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof NetwrightError) return `${e.code} ${e.message}`;
    throw e;
  }
  throw new Error('expected a NetwrightError');
}

/** a -> b -> c, all of type `t`. */
function chain(): GraphDoc {
  let doc = emptyGraph();
  for (const id of ['a', 'b', 'c']) doc = addNode(doc, { id, type: 't', position: { x: 0, y: 0 } });
  doc = connect(doc, { from: { node: 'a', port: 'y' }, to: { node: 'b', port: 'x' } });
  return connect(doc, { from: { node: 'b', port: 'y' }, to: { node: 'c', port: 'x' } });
}

describe('graph commands', () => {
  it('adds nodes with fresh ids and never mutates the input document', () => {
    const doc0 = emptyGraph();
    const doc1 = addNode(doc0, { type: 'acme.dense', position: { x: 1, y: 2 }, params: { units: 4 } });
    expect(Object.keys(doc0.nodes)).toEqual([]);
    expect(doc1.nodes.dense1).toEqual({
      id: 'dense1',
      type: 'acme.dense',
      params: { units: 4 },
      position: { x: 1, y: 2 },
    });
    expect(freshNodeId(doc1, 'acme.dense')).toBe('dense2');
    expect(codeOf(() => addNode(doc1, { id: 'dense1', type: 'x', position: { x: 0, y: 0 } }))).toMatch(
      /^GRAPH_DUPLICATE_NODE_ID .*"dense1"/,
    );
    expect(codeOf(() => addNode(doc1, { id: '12', type: 'x', position: { x: 0, y: 0 } }))).toMatch(
      /^GRAPH_BAD_NAME/,
    );
    expect(codeOf(() => addNode(doc1, { id: '__proto__', type: 'x', position: { x: 0, y: 0 } }))).toMatch(
      /reserved/,
    );
    expect(codeOf(() => addNode(doc1, { id: 'q', type: 'x', position: { x: Number.NaN, y: 0 } }))).toMatch(
      /^GRAPH_BAD_VALUE .*"q"/,
    );
  });

  it('connect replaces the edge already feeding an input port', () => {
    let doc = chain();
    doc = addNode(doc, { id: 'd', type: 't', position: { x: 0, y: 0 } });
    doc = connect(doc, { from: { node: 'd', port: 'y' }, to: { node: 'c', port: 'x' } });
    expect(Object.keys(doc.edges)).toEqual(['a.y->b.x', 'd.y->c.x']);
    expect(doc.edges['d.y->c.x']!.from).toEqual({ node: 'd', port: 'y' });
  });

  it('connect refuses missing nodes and cycles, naming them', () => {
    const doc = chain();
    expect(
      codeOf(() => connect(doc, { from: { node: 'zz', port: 'y' }, to: { node: 'a', port: 'x' } })),
    ).toMatch(/^GRAPH_NODE_NOT_FOUND .*"zz"/);
    expect(
      codeOf(() => connect(doc, { from: { node: 'c', port: 'y' }, to: { node: 'a', port: 'x' } })),
    ).toMatch(/^GRAPH_CYCLE .*"c\.y".*"a\.x"/);
    expect(
      codeOf(() => connect(doc, { from: { node: 'a', port: 'y' }, to: { node: 'a', port: 'x' } })),
    ).toMatch(/^GRAPH_CYCLE/);
  });

  it('disconnect by edge id or by input port', () => {
    const doc = chain();
    expect(Object.keys(disconnect(doc, { edge: 'a.y->b.x' }).edges)).toEqual(['b.y->c.x']);
    expect(Object.keys(disconnect(doc, { to: { node: 'c', port: 'x' } }).edges)).toEqual(['a.y->b.x']);
    expect(codeOf(() => disconnect(doc, { to: { node: 'a', port: 'x' } }))).toMatch(
      /^GRAPH_EDGE_NOT_FOUND .*"x".*"a"/,
    );
  });

  it('removeNodes drops their edges and placeholder records', () => {
    const doc = { ...chain(), placeholders: { b: { raw: { type: 't' } } } };
    const next = removeNodes(doc, { nodes: ['b'] });
    expect(Object.keys(next.nodes)).toEqual(['a', 'c']);
    expect(next.edges).toEqual({});
    expect(next.placeholders).toEqual({});
    expect(codeOf(() => removeNodes(doc, { nodes: ['nope'] }))).toMatch(/"nope"/);
  });

  it('setParam / setParams set and remove values, refusing placeholders', () => {
    let doc = chain();
    doc = setParam(doc, { node: 'a', param: 'units', value: 8 });
    doc = setParams(doc, { node: 'a', params: { kernel: [3, 3], units: undefined } });
    expect(doc.nodes.a!.params).toEqual({ kernel: [3, 3] });
    expect(codeOf(() => setParam(doc, { node: 'a', param: 'u', value: Number.POSITIVE_INFINITY }))).toMatch(
      /^GRAPH_BAD_VALUE .*finite/,
    );
    expect(codeOf(() => setParam(doc, { node: 'a', param: 'constructor', value: 1 }))).toMatch(
      /^GRAPH_BAD_NAME/,
    );
    const ph = { ...doc, placeholders: { a: { raw: {} } } };
    expect(codeOf(() => setParam(ph, { node: 'a', param: 'u', value: 1 }))).toMatch(
      /^GRAPH_PLACEHOLDER_READONLY .*"a"/,
    );
  });

  it('move, rename, setData and setMeta', () => {
    let doc = chain();
    doc = move(doc, { positions: { a: { x: 5, y: 6 }, c: { x: -1, y: 0.5 } } });
    doc = rename(doc, { node: 'b', label: 'hidden' });
    doc = setData(doc, { node: 'c', data: { schedule: [0.1, 0.2] } });
    doc = setMeta(doc, { meta: { title: 'demo', extra: { k: [1] } } });
    expect(doc.nodes.a!.position).toEqual({ x: 5, y: 6 });
    expect(doc.nodes.b!.label).toBe('hidden');
    expect(doc.nodes.c!.data).toEqual({ schedule: [0.1, 0.2] });
    expect(doc.meta).toEqual({ title: 'demo', extra: { k: [1] } });
    doc = rename(doc, { node: 'b', label: '' });
    doc = setMeta(doc, { meta: { extra: undefined } });
    expect('label' in doc.nodes.b!).toBe(false);
    expect(doc.meta).toEqual({ title: 'demo' });
    expect(
      codeOf(() =>
        setData(doc, { node: 'c', data: JSON.parse('{"__proto__": 1}') as Record<string, never> }),
      ),
    ).toMatch(/reserved/);
  });

  it('move with unchanged positions yields no patches', () => {
    const doc = chain();
    expect(move.withPatches(doc, { positions: { a: { x: 0, y: 0 } } }).patches).toEqual([]);
  });

  it('paste gives fresh ids, shifts positions and keeps inner edges only', () => {
    const doc = chain();
    const clip = copyNodes(doc, ['b', 'c']);
    expect(clip.edges).toEqual([{ from: { node: 'b', port: 'y' }, to: { node: 'c', port: 'x' } }]);
    const ids = pasteIdMap(doc, clip);
    expect([...ids.values()]).toEqual(['t1', 't2']);
    const next = paste(doc, { clip, offset: { x: 10, y: 20 } });
    expect(next.nodes.t1!.position).toEqual({ x: 10, y: 20 });
    expect(Object.keys(next.edges)).toEqual(['a.y->b.x', 'b.y->c.x', 't1.y->t2.x']);
    expect(Object.keys(next.nodes)).toHaveLength(5);
  });

  it('edge ids parse back into their ends', () => {
    const from = { node: 'my-node_1', port: 'out_2' };
    const to = { node: 'x', port: 'in' };
    expect(parseEdgeId(edgeId(from, to))).toEqual({ from, to });
    expect(parseEdgeId('garbage')).toBeUndefined();
  });
});
