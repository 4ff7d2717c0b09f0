import { describe, expect, it } from 'vitest';
import { fileText, residualFile } from '../../test/support/blockFiles.ts';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import { loadGraph } from '../file/load.ts';
import { serializeGraph } from '../file/serialize.ts';
import { addNode, connect, setParam } from '../graph/commands.ts';
import { createHistory } from '../graph/history.ts';
import { copyNodes, paste } from '../graph/paste.ts';
import { emptyGraph, type GraphDoc } from '../graph/types.ts';
import { inferGraph } from '../infer/inferGraph.ts';
import { NetwrightError } from '../sdk/errors.ts';
import {
  blockEdit,
  editBlockCommand,
  groupIntoBlock,
  makeUnique,
  removeBlock,
  setBlockInterface,
  ungroup,
} from './commands.ts';

const registry = testRegistry();

function load(repeat = 2): GraphDoc {
  const r = loadGraph(fileText(residualFile(repeat, 4)), registry);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.doc;
}

/** s -> l1 -> l2 -> head, the flat graph the commands group. */
function chain(): GraphDoc {
  let doc = emptyGraph();
  doc = addNode(doc, { id: 's', type: 'src', params: { features: 4 }, position: { x: 0, y: 0 } });
  for (const [i, id] of ['l1', 'l2', 'head'].entries()) {
    doc = addNode(doc, {
      id,
      type: 'lin',
      params: { units: id === 'head' ? 2 : 4 },
      position: { x: 200 * (i + 1), y: 0 },
    });
  }
  doc = connect(doc, { from: { node: 's', port: 'y' }, to: { node: 'l1', port: 'x' } });
  doc = connect(doc, { from: { node: 'l1', port: 'y' }, to: { node: 'l2', port: 'x' } });
  return connect(doc, { from: { node: 'l2', port: 'y' }, to: { node: 'head', port: 'x' } });
}

function clean(doc: GraphDoc): string[] {
  return inferGraph(doc, registry).diagnostics.map((d) => d.message);
}

function params(doc: GraphDoc): number {
  return Object.values(inferGraph(doc, registry).nodes).reduce((a, n) => a + (n?.paramCount ?? 0), 0);
}

describe('block commands', () => {
  it('groups nodes into a block whose ports are the crossing edges, and undoes it', () => {
    const before = chain();
    const history = createHistory(before);
    const doc = history.apply(groupIntoBlock, { nodes: ['l1', 'l2'], block: 'pair', instance: 'p' });
    expect(Object.keys(doc.nodes)).toEqual(['s', 'head', 'p']);
    expect(doc.blocks!.pair!.inputs).toEqual({ x: [{ node: 'l1', port: 'x' }] });
    expect(doc.blocks!.pair!.outputs).toEqual({ y: { node: 'l2', port: 'y' } });
    expect(Object.keys(doc.edges).sort()).toEqual(['p.y->head.x', 's.y->p.x']);
    expect(clean(doc)).toEqual([]);
    expect(params(doc)).toBe(params(before));
    expect(serializeGraph(doc, registry)).toContain('"blocks"');
    history.undo();
    expect(history.getState().doc).toEqual(before);
  });

  it('refuses a group that would close a cycle through an outside node', () => {
    const doc = chain();
    expect(() => groupIntoBlock(doc, { nodes: ['l1', 'head'], block: 'b' })).toThrow(NetwrightError);
    expect(() => groupIntoBlock(doc, { nodes: ['l1', 'head'], block: 'b' })).toThrow(/cycle through "l2"/);
  });

  it('ungroups every copy of a repeat, chained, and undoes it', () => {
    const before = load(2);
    const history = createHistory(before);
    const doc = history.apply(ungroup, { node: 'stack' });
    expect(Object.keys(doc.nodes).length).toBe(2 + 2 * 3);
    expect(Object.values(doc.nodes).some((n) => n.type === 'block')).toBe(false);
    expect(clean(doc)).toEqual([]);
    expect(params(doc)).toBe(params(before));
    history.undo();
    expect(history.getState().doc).toEqual(before);
  });

  it('edits a definition: every copy follows, one undo step', () => {
    const before = load(3);
    const history = createHistory(before);
    const doc = history.apply(
      editBlockCommand,
      blockEdit('res', setParam, { node: 'l1', param: 'bias', value: false }),
    );
    const inf = inferGraph(doc, registry);
    for (const k of [0, 1, 2]) expect(inf.flat!.doc.nodes[`stack/${k}/l1`]!.params.bias).toBe(false);
    expect(params(before) - params(doc)).toBe(3 * 4);
    history.undo();
    expect(history.getState().doc).toEqual(before);
  });

  it('makes one instance unique, so editing its copy leaves the other alone', () => {
    let doc = load(1);
    doc = paste(doc, { clip: copyNodes(doc, ['stack']) });
    const other = Object.keys(doc.nodes).find((id) => id !== 'stack' && doc.nodes[id]!.type === 'block')!;
    expect(doc.nodes[other]!.params.block).toBe('res'); // same definition: pasted into its own graph
    doc = makeUnique(doc, { node: other });
    expect(doc.nodes[other]!.params.block).toBe('res2');
    doc = editBlockCommand(doc, blockEdit('res2', setParam, { node: 'l1', param: 'bias', value: false }));
    const flat = inferGraph(doc, registry).flat!.doc;
    expect(flat.nodes['stack/0/l1']!.params.bias).toBeUndefined();
    expect(flat.nodes[`${other}/0/l1`]!.params.bias).toBe(false);
  });

  it('sets the repeat and exposed params as instance params, undoably', () => {
    const before = load(2);
    const history = createHistory(before);
    history.apply(setParam, { node: 'stack', param: 'repeat', value: 5 });
    const doc = history.apply(setParam, { node: 'stack', param: 'width', value: 8 });
    expect(
      Object.keys(inferGraph(doc, registry).flat!.doc.nodes).filter((id) => id.startsWith('stack/')).length,
    ).toBe(15);
    history.undo();
    history.undo();
    expect(history.getState().doc).toEqual(before);
  });

  it('pastes instances with their definitions into another graph, renaming a clashing definition', () => {
    const source = load(2);
    const clip = copyNodes(source, ['stack']);
    expect(Object.keys(clip.blocks ?? {})).toEqual(['res']);
    const into = paste(emptyGraph(), { clip });
    expect(Object.keys(into.blocks ?? {})).toEqual(['res']);
    const clash = setBlockInterface(into, { block: 'res', title: 'another residual' });
    const both = paste(clash, { clip });
    expect(Object.keys(both.blocks ?? {})).toEqual(['res', 'res2']);
    expect(Object.values(both.nodes).map((n) => n.params.block)).toEqual(['res', 'res2']);
  });

  it('changes exposed params, and removes only unused definitions', () => {
    const doc = setBlockInterface(load(1), {
      block: 'res',
      params: { useBias: { kind: 'bool', default: false, bind: [{ node: 'l1', param: 'bias' }] } },
    });
    expect(inferGraph(doc, registry).flat!.doc.nodes['stack/0/l1']!.params.bias).toBe(false);
    expect(() => removeBlock(doc, { block: 'res' })).toThrow(
      /node "stack" of the graph still uses block "res"/,
    );
  });
});
