import { describe, expect, it } from 'vitest';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import { compileGraph } from '../compile/compile.ts';
import { loadGraph } from '../file/load.ts';
import type { GraphDoc } from '../graph/types.ts';
import { createInferCache, inferGraph } from '../infer/inferGraph.ts';
import { displayPath, flattenGraph } from './flatten.ts';
import { fileText, residualFile, residualPaths, type TestFile } from '../../test/support/blockFiles.ts';

const registry = testRegistry();

function load(file: TestFile): GraphDoc {
  const r = loadGraph(fileText(file), registry);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.doc;
}

describe('blocks: flattening and inference', () => {
  it('flattens copies by path, chaining each output into the next input', () => {
    const flat = flattenGraph(load(residualFile(2, 4))).doc;
    expect(Object.keys(flat.nodes)).toEqual(residualPaths(2));
    expect(Object.keys(flat.edges).sort()).toEqual(
      [
        's.y->stack/0/l1.x',
        's.y->stack/0/sum.a',
        'stack/0/l1.y->stack/0/l2.x',
        'stack/0/l2.y->stack/0/sum.b',
        'stack/0/sum.y->stack/1/l1.x',
        'stack/0/sum.y->stack/1/sum.a',
        'stack/1/l1.y->stack/1/l2.x',
        'stack/1/l2.y->stack/1/sum.b',
        'stack/1/sum.y->head.x',
      ].sort(),
    );
    expect(flat.nodes['stack/1/l2']!.params).toEqual({ units: 4 });
    expect(displayPath('outer/0/stack/3/gla')).toBe('outer[0] › stack[3] › gla');
  });

  it('infers through instances: outputs, params and FLOPs of all copies on the instance', () => {
    const doc = load(residualFile(3, 4));
    const inf = inferGraph(doc, registry);
    expect(inf.diagnostics).toEqual([]);
    const stack = inf.nodes.stack!;
    expect(stack.outputs.y).toEqual({ kind: 'tensor', shape: [null, 4], dtype: 'float32' });
    const inner = inf.flat!.inference.nodes;
    const one = inner['stack/0/l1']!.paramCount + inner['stack/0/l2']!.paramCount;
    expect(stack.paramCount).toBe(3 * one);
    expect(stack.params).toEqual({ block: 'res', repeat: 3, width: 4 });
    expect(inf.nodes.head!.outputs.y).toEqual({ kind: 'tensor', shape: [null, 2], dtype: 'float32' });
  });

  it('reports a repeat that changes the shape on the instance, naming the path', () => {
    const f = residualFile(3, 6); // width 6 != the 4 features the block receives
    f.blocks.res.outputs.y = { node: 'l2', port: 'y' };
    const doc = load(f);
    const inf = inferGraph(doc, registry);
    const codes = inf.diagnostics.map((d) => [d.code, d.node, d.message]);
    expect(codes).toContainEqual([
      'BLOCK_REPEAT_SHAPE',
      'stack',
      "stack: repeat 3 of block \"res\" feeds each copy's output into the next copy's input, but one copy turns [?, 4] float32 into [?, 6] float32; the block's output must have the shape of its input",
    ]);
  });

  it('names the path of an inner diagnostic and puts it on the top-level instance', () => {
    const f = residualFile(2, 4);
    f.blocks.res.edges = [{ from: { node: 'l2', port: 'y' }, to: { node: 'sum', port: 'b' } }]; // l2.x unfed
    const inf = inferGraph(load(f), registry);
    const first = inf.diagnostics.find((d) => d.code === 'INFER_UNCONNECTED')!;
    expect(first.node).toBe('stack');
    expect(first.message).toMatch(
      /^stack\[0\] › l2 › x: node "stack\/0\/l2" \(lin\): required input "x" is not connected/,
    );
  });

  it('compiles to a flat plan with weights named by path', () => {
    const r = compileGraph(load(residualFile(3, 4)), registry);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.plan.weights.map((w) => w.key)).toContain('stack/2/l1/kernel');
    expect(r.plan.steps.map((s) => s.node)).toEqual(residualPaths(3));
  });

  it('re-infers only what an exposed-param edit changes when given a cache', () => {
    const cache = createInferCache();
    const doc = load(residualFile(3, 4));
    const first = inferGraph(doc, registry, cache);
    const again = inferGraph(doc, registry, cache);
    expect(again.flat!.inference.nodes['stack/1/l1']).toBe(first.flat!.inference.nodes['stack/1/l1']);
    const edited: GraphDoc = {
      ...doc,
      nodes: { ...doc.nodes, head: { ...doc.nodes.head!, params: { units: 3 } } },
    };
    const third = inferGraph(edited, registry, cache);
    expect(third.flat!.inference.nodes['stack/1/l1']).toBe(first.flat!.inference.nodes['stack/1/l1']);
    expect(third.nodes.head!.outputs.y).toEqual({ kind: 'tensor', shape: [null, 3], dtype: 'float32' });
  });
});
