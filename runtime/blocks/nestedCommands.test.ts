import { describe, expect, it } from 'vitest';
import { fileText, residualFile } from '../../test/support/blockFiles.ts';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import { loadGraph } from '../file/load.ts';
import { serializeGraph } from '../file/serialize.ts';
import { setParam } from '../graph/commands.ts';
import { createHistory } from '../graph/history.ts';
import type { GraphDoc } from '../graph/types.ts';
import { inferGraph } from '../infer/inferGraph.ts';
import { NetwrightError } from '../sdk/errors.ts';
import { blockEdit, editBlockCommand, setBlockInterface } from './commands.ts';
import { groupInBlock, ungroupInBlock } from './nestedCommands.ts';

const registry = testRegistry();

function load(): GraphDoc {
  const r = loadGraph(fileText(residualFile(2, 4)), registry);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.doc;
}

/** What inference says of the instance `stack`: its params, output shape and problems. */
function summary(doc: GraphDoc): unknown {
  const inf = inferGraph(doc, registry);
  const stack = inf.nodes.stack;
  return { params: stack?.paramCount, out: stack?.outputs.y, problems: inf.diagnostics.map((d) => d.message) };
}

describe('group and ungroup inside a block definition', () => {
  it('groups inner nodes into a nested block: ports and exposed params follow, the graph computes the same', () => {
    const before = load();
    const history = createHistory(before);
    const doc = history.apply(groupInBlock, { block: 'res', nodes: ['l1', 'l2'], newBlock: 'pair', instance: 'inner' });
    const res = doc.blocks!.res!;
    expect(Object.keys(res.nodes).sort()).toEqual(['inner', 'sum']);
    // The block input fed l1.x and sum.a: it now feeds the nested instance and still sum.a.
    expect(res.inputs.x).toEqual([{ node: 'sum', port: 'a' }, { node: 'inner', port: 'x' }]);
    expect(res.outputs.y).toEqual({ node: 'sum', port: 'y' });
    expect(res.params.width!.bind).toEqual([{ node: 'inner', param: 'width' }]);
    const pair = doc.blocks!.pair!;
    expect(pair.inputs).toEqual({ x: [{ node: 'l1', port: 'x' }] });
    expect(pair.outputs).toEqual({ y: { node: 'l2', port: 'y' } });
    expect(pair.params.width).toMatchObject({ kind: 'int', default: 4, bind: [{ node: 'l1', param: 'units' }, { node: 'l2', param: 'units' }] });
    expect(summary(doc)).toEqual(summary(before));
    // The exposed width still reaches the nested layers.
    const wide = setParam(doc, { node: 'stack', param: 'width', value: 8 });
    expect(summary(wide)).toEqual(summary(setParam(before, { node: 'stack', param: 'width', value: 8 })));
    // It saves and loads back (the nested block passes the file's checks).
    expect(loadGraph(serializeGraph(doc, registry), registry).ok).toBe(true);
    history.undo();
    expect(history.getState().doc).toEqual(before);
  });

  it('ungroups a nested instance back into the definition: ports and exposed params follow, undoable', () => {
    const grouped = groupInBlock(load(), { block: 'res', nodes: ['l1', 'l2'], newBlock: 'pair', instance: 'inner' });
    const history = createHistory(grouped);
    const doc = history.apply(ungroupInBlock, { block: 'res', node: 'inner' });
    const res = doc.blocks!.res!;
    expect(Object.keys(res.nodes).sort()).toEqual(['l1', 'l2', 'sum']);
    expect([...res.inputs.x!].sort((a, b) => a.node.localeCompare(b.node))).toEqual([{ node: 'l1', port: 'x' }, { node: 'sum', port: 'a' }]);
    expect(res.params.width!.bind).toEqual([{ node: 'l1', param: 'units' }, { node: 'l2', param: 'units' }]);
    expect(Object.values(res.edges).map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`).sort()).toEqual([
      'l1.y->l2.x',
      'l2.y->sum.b',
    ]);
    expect(summary(doc)).toEqual(summary(load()));
    expect(summary(setParam(doc, { node: 'stack', param: 'width', value: 8 }))).toEqual(
      summary(setParam(load(), { node: 'stack', param: 'width', value: 8 })),
    );
    history.undo();
    expect(history.getState().doc).toEqual(grouped);
  });

  it('binds an exposed param to every copy of an ungrouped repeat; one bound to the repeat itself is refused naming it', () => {
    const grouped = groupInBlock(load(), { block: 'res', nodes: ['l1', 'l2'], newBlock: 'pair', instance: 'inner' });
    const twice = editBlockCommand(grouped, blockEdit('res', setParam, { node: 'inner', param: 'repeat', value: 2 }));
    const res = ungroupInBlock(twice, { block: 'res', node: 'inner' }).blocks!.res!;
    expect(Object.keys(res.nodes)).toHaveLength(5);
    expect(res.params.width!.bind).toHaveLength(4);
    const byRepeat = setBlockInterface(grouped, {
      block: 'res',
      params: { width: { ...grouped.blocks!.res!.params.width!, bind: [{ node: 'inner', param: 'repeat' }] } },
    });
    expect(() => ungroupInBlock(byRepeat, { block: 'res', node: 'inner' })).toThrow(
      /exposed param "width" is bound to "inner.repeat", which has no nodes to go to once ungrouped; unbind it first/,
    );
  });

  it('refuses a node the definition does not have', () => {
    expect(() => groupInBlock(load(), { block: 'res', nodes: ['nope'], newBlock: 'pair', instance: 'inner' })).toThrow(NetwrightError);
  });
});
