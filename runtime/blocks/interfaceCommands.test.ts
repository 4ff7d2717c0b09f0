import { describe, expect, it } from 'vitest';
import { fileText, residualFile } from '../../test/support/blockFiles.ts';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import { loadGraph } from '../file/load.ts';
import { createHistory } from '../graph/history.ts';
import type { GraphDoc } from '../graph/types.ts';
import { inferGraph } from '../infer/inferGraph.ts';
import { removeBlockParam, removeBlockPort, renameBlockParam, renameBlockPort } from './interfaceCommands.ts';

const registry = testRegistry();

function load(): GraphDoc {
  const r = loadGraph(fileText(residualFile(2, 6)), registry);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.doc;
}

function links(doc: GraphDoc): string[] {
  return Object.values(doc.edges).map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`).sort();
}

function problems(doc: GraphDoc): string[] {
  return inferGraph(doc, registry).diagnostics.map((d) => d.message);
}

describe('renaming and removing block ports and exposed params', () => {
  it('renames a port: the links of every instance follow; undo restores', () => {
    const before = load();
    const history = createHistory(before);
    const doc = history.apply(renameBlockPort, { block: 'res', side: 'input', from: 'x', to: 'inp' });
    expect(Object.keys(doc.blocks!.res!.inputs)).toEqual(['inp']);
    expect(links(doc)).toEqual(['s.y->stack.inp', 'stack.y->head.x']);
    expect(problems(doc)).toEqual([]);
    const out = renameBlockPort(doc, { block: 'res', side: 'output', from: 'y', to: 'out' });
    expect(links(out)).toEqual(['s.y->stack.inp', 'stack.out->head.x']);
    expect(problems(out)).toEqual([]);
    history.undo();
    expect(history.getState().doc).toEqual(before);
  });

  it('refuses a taken or malformed port name, naming the block', () => {
    const doc = renameBlockPort(load(), { block: 'res', side: 'input', from: 'x', to: 'inp' });
    expect(() => renameBlockPort(doc, { block: 'res', side: 'output', from: 'y', to: '1bad' })).toThrow(/rename output of block "res" "1bad"/);
    expect(() => renameBlockPort(doc, { block: 'res', side: 'input', from: 'nope', to: 'z' })).toThrow(/block "res" has no input "nope"/);
  });

  it('removes a port and the links to it', () => {
    const doc = removeBlockPort(load(), { block: 'res', side: 'output', name: 'y' });
    expect(doc.blocks!.res!.outputs).toEqual({});
    expect(links(doc)).toEqual(['s.y->stack.x']);
  });

  it('renames an exposed param with every instance value, and removes one with them', () => {
    const doc = renameBlockParam(load(), { block: 'res', from: 'width', to: 'units' });
    expect(Object.keys(doc.blocks!.res!.params)).toEqual(['units']);
    expect(doc.nodes.stack!.params).toEqual({ block: 'res', repeat: 2, units: 6 });
    expect(problems(doc)).toEqual([]);
    expect(inferGraph(doc, registry).nodes.stack?.paramCount).toBe(inferGraph(load(), registry).nodes.stack?.paramCount);
    expect(() => renameBlockParam(doc, { block: 'res', from: 'units', to: 'repeat' })).toThrow(/instance's own param/);
    const gone = removeBlockParam(doc, { block: 'res', name: 'units' });
    expect(gone.blocks!.res!.params).toEqual({});
    expect(gone.nodes.stack!.params).toEqual({ block: 'res', repeat: 2 });
    expect(problems(gone)).toEqual([]);
  });
});
