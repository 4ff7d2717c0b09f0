import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addNode, connect, move, rename, setMeta, setParam } from '../graph/commands.ts';
import { emptyGraph, type GraphDoc } from '../graph/types.ts';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import { compileGraph, type CompileResult } from './compile.ts';
import { sha256Hex } from './hash.ts';
import type { ExecutionPlan } from './plan.ts';

const registry = testRegistry();

function planOf(r: CompileResult): ExecutionPlan {
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.plan;
}

/** Document order: opt, lr, s, d, t, l, skip (a residual add reading s.y late). */
function regression(): GraphDoc {
  let doc = emptyGraph();
  const add = (id: string, type: string, params = {}) => {
    doc = addNode(doc, { id, type, params, position: { x: 0, y: 0 } });
  };
  add('o', 'opt');
  add('lr', 'sched');
  add('s', 'src', { features: 3 });
  add('d', 'lin', { units: 3 });
  add('t', 'src', { features: 3 });
  add('l', 'mse');
  add('k', 'add');
  const link = (a: string, b: string) => {
    const [fn, fp] = a.split('.') as [string, string];
    const [tn, tp] = b.split('.') as [string, string];
    doc = connect(doc, { from: { node: fn, port: fp }, to: { node: tn, port: tp } });
  };
  link('s.y', 'd.x');
  link('d.y', 'k.a');
  link('s.y', 'k.b');
  link('k.y', 'l.pred');
  link('t.y', 'l.target');
  link('l.loss', 'o.loss');
  link('lr.lr', 'o.lr');
  return doc;
}

describe('compileGraph', () => {
  it('orders steps stably, wires inputs and releases tensors after their last reader', () => {
    const plan = planOf(compileGraph(regression(), registry));
    expect(plan.steps.map((s) => s.node)).toEqual(['lr', 's', 'd', 't', 'k', 'l', 'o']);
    const step = (id: string) => plan.steps.find((s) => s.node === id)!;
    expect(step('k').inputs).toEqual({ a: { node: 'd', port: 'y' }, b: { node: 's', port: 'y' } });
    expect(step('d').release).toEqual([]);
    expect(step('k').release.toSorted()).toEqual(['d:y', 's:y']);
    expect(step('l').release.toSorted()).toEqual(['k:y', 't:y']);
    expect(step('o').release.toSorted()).toEqual(['l:loss', 'lr:lr']);
    expect(step('d').params).toEqual({ units: 3, bias: true });
    expect(step('k').state).toEqual({ count: { shape: [1] } });
    expect(plan.weights.map((w) => [w.key, w.size, w.trainable, w.dtype])).toEqual([
      ['d/kernel', 9, true, 'float32'],
      ['d/bias', 3, true, 'float32'],
    ]);
    expect(plan.paramCount).toBe(12);
    expect(plan.roles).toEqual({
      layer: ['d', 'k'],
      data: ['s', 't'],
      loss: ['l'],
      metric: [],
      optimiser: ['o'],
      schedule: ['lr'],
      controller: [],
    });
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('refuses graphs with errors, returning the diagnostics', () => {
    const doc = setParam(regression(), { node: 'd', param: 'units', value: -2 });
    const r = compileGraph(doc, registry);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.diagnostics.map((d) => [d.code, d.node, d.param])).toEqual([
        ['INFER_BAD_PARAM', 'd', 'units'],
      ]);
  });

  it('refuses placeholders, listing the missing plugins', () => {
    const doc = { ...regression(), placeholders: { d: { raw: {} }, k: { raw: {} } } };
    const r = compileGraph(doc, registry);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.diagnostics[0]!.code).toBe('COMPILE_MISSING_PLUGINS');
      expect(r.diagnostics[0]!.message).toMatch(/"lin" \(node "d"\), "add" \(node "k"\)/);
    }
  });

  it('hashes content only: not positions, labels, meta or explicit defaults', () => {
    const base = planOf(compileGraph(regression(), registry)).graphHash;
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    let cosmetic = move(regression(), { positions: { d: { x: 40, y: 9 } } });
    cosmetic = rename(cosmetic, { node: 'd', label: 'hidden' });
    cosmetic = setMeta(cosmetic, { meta: { title: 'x' } });
    cosmetic = setParam(cosmetic, { node: 'd', param: 'bias', value: true });
    expect(planOf(compileGraph(cosmetic, registry)).graphHash).toBe(base);
    const changed = setParam(regression(), { node: 'd', param: 'bias', value: false });
    expect(planOf(compileGraph(changed, registry)).graphHash).not.toBe(base);
  });
});

describe('sha256Hex', () => {
  it.each(['', 'abc', 'é ∑ 😀 \ud800 end', 'x'.repeat(1000)])('matches node:crypto for %j', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
