import { describe, expect, it } from 'vitest';
import type { NodeProfile, PlanProfile } from '../../workers/engineApi.ts';
import { createProfileStore, formatMs, formatShare, heatText } from './nodeProfile.ts';

function row(node: string, forwardMs: number, backwardMs: number, share: number, updateMs = 0): NodeProfile {
  return {
    node,
    type: 't',
    role: 'layer',
    forwardMs,
    backwardMs,
    updateMs,
    totalMs: forwardMs + backwardMs + updateMs,
    share,
  };
}

function profile(nodes: NodeProfile[]): PlanProfile {
  return {
    backend: 'wasm',
    clock: 'wall',
    steps: 5,
    warmupSteps: 1,
    batchSize: 8,
    stepMs: 10,
    nodes,
    totals: { forwardMs: 0, backwardMs: 0, updateMs: 0, otherMs: 0 },
  };
}

describe('profile store', () => {
  it('gives each node its heat relative to the slowest and a tooltip with its numbers', () => {
    const store = createProfileStore();
    store.set(
      profile([
        row('a', 1.2, 2.9, 0.4),
        row('b', 0.02, 0.05, 0.1),
        row('opt', 0, 0, 0.05, 0.5),
        row('s', 0, 0, 0),
      ]),
    );
    expect(store.get('a')).toMatchObject({
      heat: 1,
      text: 'fwd 1.2 ms · bwd 2.9 ms · 40 % of step',
      backend: 'wasm',
    });
    expect(store.get('b')!.heat).toBeCloseTo(0.5, 9);
    expect(store.get('b')!.text).toBe('fwd 0.020 ms · bwd 0.050 ms · 10 % of step');
    expect(store.get('opt')!.text).toBe('fwd 0 ms · bwd 0 ms · update 0.50 ms · 5.0 % of step');
    expect(store.get('s')!.heat).toBe(0);
    expect(store.get('nope')).toBeUndefined();
  });

  it('tells only the nodes whose row changed, and everyone when it is cleared', () => {
    const store = createProfileStore();
    const calls: string[] = [];
    for (const id of ['a', 'b']) store.subscribe(id, () => calls.push(id));
    const unsubscribeAll = store.subscribeAll(() => calls.push('*'));
    store.set(profile([row('a', 1, 1, 0.4), row('b', 1, 1, 0.2)]));
    expect(calls.sort()).toEqual(['*', 'a', 'b']);
    calls.length = 0;
    const a = store.get('a');
    store.set(profile([row('a', 1, 1, 0.4), row('b', 2, 1, 0.3)]));
    expect(calls.sort()).toEqual(['*', 'b']);
    expect(store.get('a')).toBe(a);
    calls.length = 0;
    store.set(undefined);
    expect(calls.sort()).toEqual(['*', 'a', 'b']);
    expect(store.get('a')).toBeUndefined();
    expect(store.profile()).toBeUndefined();
    unsubscribeAll();
  });

  it('formats times and shares for the tooltip', () => {
    expect([0, 0.0042, 0.42, 4.2, 42.4].map(formatMs)).toEqual(['0', '0.004', '0.42', '4.2', '42']);
    expect([0.004, 0.31, 1.2].map(formatShare)).toEqual(['0.4 %', '31 %', '120 %']);
    expect(heatText(row('x', 1, 2, 0.25))).toBe('fwd 1.0 ms · bwd 2.0 ms · 25 % of step');
  });

  it('adds a row per block instance beside the flat rows (instanceProfile.ts); the profile itself is unchanged', () => {
    const store = createProfileStore();
    const nodes = [row('emb', 0.5, 0.5, 0.1), row('stack/0/gla', 1, 2, 0.3), row('stack/1/gla', 1, 2, 0.3), row('stack/1/res', 0.25, 0.25, 0.05)];
    store.set(profile(nodes));
    expect(store.get('stack')?.text).toBe('fwd 2.3 ms · bwd 4.3 ms · 65 % of step');
    expect(store.get('stack')?.heat).toBe(1);
    expect(store.get('stack/0/gla')?.heat).toBe(1);
    expect(store.get('emb')?.heat).toBeCloseTo(Math.sqrt(0.1 / 0.3));
    expect(store.profile()?.nodes).toBe(nodes);
  });
});
