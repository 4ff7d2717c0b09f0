import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../runtime/graph/types.ts';
import { FlowElementCache } from './flowElements.ts';

const node = (id: string, x = 0): GraphNode => ({ id, type: 'dense', params: {}, position: { x, y: 0 } });
const estimate = () => ({ width: 200, height: 100 });
const NONE = new Set<string>();

describe('FlowElementCache', () => {
  it('keeps the identity of unchanged nodes and rebuilds changed ones', () => {
    const cache = new FlowElementCache();
    const a = node('a');
    const b = node('b', 300);
    const first = cache.nodes({ a, b }, {}, NONE, estimate);
    const moved = { ...b, position: { x: 320, y: 0 } };
    const second = cache.nodes({ a, b: moved }, {}, NONE, estimate);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]?.position).toEqual({ x: 320, y: 0 });
    const selected = cache.nodes({ a, b: moved }, {}, new Set(['a']), estimate);
    expect(selected[0]?.selected).toBe(true);
    expect(selected[1]).toBe(second[1]);
  });

  it('gives unmeasured nodes the estimate as their initial size', () => {
    const cache = new FlowElementCache();
    const [flow] = cache.nodes({ a: node('a') }, {}, NONE, () => ({ width: 184, height: 103 }));
    expect(flow).toMatchObject({ initialWidth: 184, initialHeight: 103 });
    expect(flow?.measured).toBeUndefined();
  });

  it('asks for a rebuild only when a measured size differs from the size React Flow already uses', () => {
    const cache = new FlowElementCache();
    const a = node('a');
    const first = cache.nodes({ a }, {}, NONE, estimate);
    // Drawn at its estimate (a compact node): nothing to rebuild, but the size is known.
    expect(cache.setSize('a', 200, 100)).toBe(false);
    expect(cache.size('a')).toEqual({ width: 200, height: 100 });
    expect(cache.nodes({ a }, {}, NONE, estimate)[0]).toBe(first[0]);
    // Drawn in detail at another size: rebuilt with the measurement.
    expect(cache.setSize('a', 184, 103)).toBe(true);
    const [rebuilt] = cache.nodes({ a }, {}, NONE, estimate);
    expect(rebuilt).not.toBe(first[0]);
    expect(rebuilt?.measured).toEqual({ width: 184, height: 103 });
    expect(cache.setSize('a', 184, 103)).toBe(false);
  });

  it('forgets sizes of removed nodes and marks placeholders', () => {
    const cache = new FlowElementCache();
    cache.nodes({ a: node('a'), b: node('b') }, {}, NONE, estimate);
    cache.setSize('b', 150, 90);
    const out = cache.nodes({ b: node('b') }, { b: {} }, NONE, estimate);
    expect(out.map((n) => n.type)).toEqual(['placeholder']);
    cache.nodes({}, {}, NONE, estimate);
    expect(cache.size('b')).toBeUndefined();
  });
});
