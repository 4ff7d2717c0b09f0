import { describe, expect, it } from 'vitest';
import { addNode, setParam } from '../graph/commands.ts';
import { topoOrder } from '../graph/topo.ts';
import { emptyGraph, type GraphDoc } from '../graph/types.ts';
import { createRegistry, definePlugin, tensorValue, type Diagnostic } from '../sdk/index.ts';
import { createInferCache, inferGraph } from './inferGraph.ts';
import { testRegistry, testSpecs } from '../../test/support/fakePlugins/spec/index.ts';
import { chainDoc } from '../../test/support/graphs.ts';

const registry = testRegistry();
const at = { x: 0, y: 0 };

function build(
  nodes: [string, string, Record<string, number | boolean>?][],
  links: [string, string][],
): GraphDoc {
  let doc = emptyGraph();
  for (const [id, type, params] of nodes)
    doc = addNode(doc, { id, type, position: at, params: params ?? {} });
  for (const [from, to] of links) {
    const [fn, fp] = from.split('.') as [string, string];
    const [tn, tp] = to.split('.') as [string, string];
    doc = {
      ...doc,
      edges: {
        ...doc.edges,
        [`${fn}.${fp}->${tn}.${tp}`]: {
          id: `${fn}.${fp}->${tn}.${tp}`,
          from: { node: fn, port: fp },
          to: { node: tn, port: tp },
        },
      },
    };
  }
  return doc;
}

const codes = (ds: readonly Diagnostic[]) =>
  ds.map((d) => `${d.code}@${d.node ?? ''}${d.port ? `.${d.port}` : ''}${d.param ? `#${d.param}` : ''}`);

describe('inferGraph', () => {
  it('infers shapes, weights, params and flops along a graph', () => {
    const doc = build(
      [
        ['s', 'src', { features: 3 }],
        ['d', 'lin', { units: 5 }],
        ['t', 'src', { features: 5 }],
        ['l', 'mse'],
        ['o', 'opt'],
      ],
      [
        ['s.y', 'd.x'],
        ['d.y', 'l.pred'],
        ['t.y', 'l.target'],
        ['l.loss', 'o.loss'],
      ],
    );
    const r = inferGraph(doc, registry);
    expect(r.diagnostics).toEqual([]);
    expect(r.nodes.d).toEqual({
      outputs: { y: tensorValue([null, 5]) },
      weights: {
        kernel: { shape: [3, 5], init: { kind: 'glorotUniform' } },
        bias: { shape: [5], init: { kind: 'zeros' } },
      },
      state: {},
      paramCount: 20,
      flops: 30,
      params: { units: 5, bias: true },
    });
    expect(r.nodes.l!.outputs.loss).toEqual(tensorValue([]));
    // Ready nodes run in document order: d (2nd) is ready once s ran, before t (3rd).
    expect(r.order).toEqual(['s', 'd', 't', 'l', 'o']);
  });

  it('names cycles and skips what they feed quietly', () => {
    const doc = build(
      [
        ['s', 'src'],
        ['a', 'add'],
        ['b', 'add'],
        ['c', 'lin'],
      ],
      [
        ['s.y', 'a.a'],
        ['b.y', 'a.b'],
        ['a.y', 'b.a'],
        ['b.y', 'c.x'],
      ],
    );
    const r = inferGraph(doc, registry);
    expect(codes(r.diagnostics)).toEqual(['INFER_CYCLE@a', 'INFER_CYCLE@b']);
    expect(r.diagnostics[0]!.message).toMatch(/"a", "b"/);
    expect(r.nodes.c).toBeUndefined();
    expect(topoOrder(doc).blocked).toEqual(new Set(['a', 'b', 'c']));
  });

  it('reports unconnected inputs, unknown ports, mismatches and bad params by name', () => {
    const doc = build(
      [
        ['s', 'src'],
        ['l', 'mse'],
        ['d', 'lin', { units: 0 }],
        ['e', 'lin'],
        ['f', 'lin'],
        ['o', 'opt'],
      ],
      [
        ['s.y', 'l.pred'],
        ['s.y', 'e.nope'],
        ['s.zz', 'f.x'],
        ['s.y', 'o.loss'],
      ],
    );
    const r = inferGraph(doc, registry);
    expect(codes(r.diagnostics).sort()).toEqual(
      [
        'INFER_UNCONNECTED@l.target',
        'INFER_BAD_PARAM@d#units',
        'INFER_UNCONNECTED@d.x',
        'INFER_UNKNOWN_PORT@e.nope',
        'INFER_UNCONNECTED@e.x',
        'INFER_UNKNOWN_PORT@f.x',
        'INFER_PORT_MISMATCH@o.loss',
      ].sort(),
    );
    const mismatch = r.diagnostics.find((d) => d.code === 'INFER_PORT_MISMATCH')!;
    expect(mismatch.message).toBe('node "o" (opt): input "loss" expects rank 0 but gets rank 2 from "s.y"');
    expect(r.diagnostics.find((d) => d.node === 'f')!.message).toMatch(/"s\.zz".*no output "zz"/);
  });

  it('contains plugin failures: InferError keeps its port, other throws become diagnostics', () => {
    const unknownWidth = definePlugin({
      id: 'unknownwidth',
      version: '1.0.0',
      title: 'U',
      category: 'data',
      role: 'data',
      doc: '',
      inputs: {},
      outputs: { y: { kind: 'tensor', rank: 2 } },
      params: {},
      infer: () => ({ outputs: { y: tensorValue([null, null]) } }),
    });
    const reg = registry.extend([unknownWidth], 'test');
    const doc = build(
      [
        ['u', 'unknownwidth'],
        ['d', 'lin'],
        ['b', 'acme.boom'],
        ['after', 'lin'],
      ],
      [
        ['u.y', 'd.x'],
        ['u.y', 'b.x'],
        ['b.y', 'after.x'],
      ],
    );
    const r = inferGraph(doc, reg);
    expect(codes(r.diagnostics)).toEqual(['INFER_FAILED@d.x', 'INFER_PLUGIN_THREW@b']);
    expect(r.diagnostics[1]!.message).toBe(
      'node "b" (acme.boom): plugin "acme.boom" failed in infer: cannot read properties of undefined',
    );
    expect(r.nodes.after).toBeUndefined();
  });

  it('checks what a plugin returns against its own declaration', () => {
    const liar = definePlugin({
      id: 'liar',
      version: '1.0.0',
      title: 'L',
      category: 'other',
      role: 'layer',
      doc: '',
      inputs: {},
      outputs: { y: { kind: 'tensor', rank: 2 }, z: { kind: 'tensor' } },
      params: {},
      infer: () => ({ outputs: { y: tensorValue([3]) } }),
    });
    const r = inferGraph(build([['x', 'liar']], []), registry.extend([liar]));
    expect(codes(r.diagnostics)).toEqual(['INFER_BAD_RESULT@x']);
    expect(r.diagnostics[0]!.message).toMatch(/output "y" expects rank 2 but gets rank 1/);
  });

  it('warns once for a placeholder and stays silent downstream of it', () => {
    let doc = build(
      [
        ['s', 'src'],
        ['p', 'acme.gone'],
        ['d', 'lin'],
      ],
      [
        ['s.y', 'p.in'],
        ['p.out', 'd.x'],
      ],
    );
    doc = { ...doc, placeholders: { p: { raw: {} } } };
    const r = inferGraph(doc, registry);
    expect(codes(r.diagnostics)).toEqual(['INFER_PLACEHOLDER@p']);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning' });
    expect(r.diagnostics[0]!.message).toMatch(/ports in, out/);
    expect(r.nodes.d).toBeUndefined();
    expect(r.nodes.s).toBeDefined();
  });

  it('re-infers only nodes whose params or inputs changed when given a cache', () => {
    const calls: string[] = [];
    const creg = createRegistry(
      testSpecs.map((s) => ({
        ...s,
        infer: (ctx: Parameters<typeof s.infer>[0]) => {
          calls.push(s.id);
          return s.infer(ctx);
        },
      })),
    );
    let doc = build(
      [
        ['s', 'src'],
        ['a', 'lin'],
        ['b', 'lin'],
        ['c', 'lin'],
      ],
      [
        ['s.y', 'a.x'],
        ['a.y', 'b.x'],
        ['s.y', 'c.x'],
      ],
    );
    const cache = createInferCache();
    const first = inferGraph(doc, creg, cache);
    expect(calls.sort()).toEqual(['lin', 'lin', 'lin', 'src']);
    calls.length = 0;
    doc = setParam(doc, { node: 'a', param: 'units', value: 9 });
    const second = inferGraph(doc, creg, cache);
    expect(calls).toEqual(['lin', 'lin']); // a and b; s and c come from the cache
    expect(second.nodes.c).toBe(first.nodes.c);
    expect(second.nodes.b!.weights.kernel!.shape).toEqual([9, 4]);
    expect(second).toEqual(inferGraph(doc, creg));
  });

  it('infers a 1,000-node chain', () => {
    const doc = chainDoc(1000);
    const r = inferGraph(doc, registry);
    expect(r.diagnostics).toEqual([]);
    expect(r.order).toHaveLength(1000);
    expect(r.nodes.n999!.outputs.y).toEqual(tensorValue([null, 2]));
  });
});
