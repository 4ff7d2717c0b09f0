import { describe, expect, it } from 'vitest';
import { alignCurves, appendPoint, createCurve, curvePoints, lastValue } from './curves.ts';

describe('curves', () => {
  it('keeps every point while under the cap', () => {
    const c = createCurve(8);
    for (let s = 1; s <= 5; s++) appendPoint(c, s, s * 10);
    expect(curvePoints(c)).toEqual({ x: [1, 2, 3, 4, 5], y: [10, 20, 30, 40, 50] });
    expect(lastValue(c)).toBe(50);
  });

  it('stays within the cap on long runs and keeps the mean of each bucket', () => {
    const c = createCurve(16);
    for (let s = 1; s <= 10_000; s++) appendPoint(c, s, s);
    const { x } = curvePoints(c);
    expect(x.length).toBeLessThanOrEqual(17);
    expect(x.length).toBeGreaterThanOrEqual(8);
    expect(c.count).toBe(10_000);
    // A bucket of consecutive steps a..b with value = step has mean (a+b)/2 and sits at b.
    for (let i = 0; i < c.x.length; i++) expect(c.y[i]).toBeCloseTo(c.x[i]! - (c.stride - 1) / 2, 6);
    expect(x[x.length - 1]).toBe(10_000);
    for (let i = 1; i < x.length; i++) expect(x[i]!).toBeGreaterThan(x[i - 1]!);
  });

  it('skips non-finite values', () => {
    const c = createCurve(8);
    appendPoint(c, 1, 1);
    appendPoint(c, 2, Number.NaN);
    appendPoint(c, 3, Number.POSITIVE_INFINITY);
    appendPoint(c, 4, 3);
    expect(curvePoints(c)).toEqual({ x: [1, 4], y: [1, 3] });
  });

  it('aligns curves with different steps on one axis', () => {
    const [x, a, b] = alignCurves([
      { x: [1, 2, 4], y: [10, 20, 40] },
      { x: [2, 3], y: [5, 6] },
    ]);
    expect(x).toEqual([1, 2, 3, 4]);
    expect(a).toEqual([10, 20, null, 40]);
    expect(b).toEqual([null, 5, 6, null]);
  });

  it('aligns like a sort of the union, for many random ascending curves', () => {
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 50; trial++) {
      const curves = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => {
        const x: number[] = [];
        let step = 0;
        for (let n = Math.floor(rand() * 30); n > 0; n--) x.push((step += 1 + Math.floor(rand() * 5)));
        return { x, y: x.map((v) => v * 10 + trial) };
      });
      const union = [...new Set(curves.flatMap((c) => c.x))].sort((a, b) => a - b);
      const [x, ...ys] = alignCurves(curves);
      expect(x).toEqual(union);
      curves.forEach((c, k) => {
        expect(ys[k]).toEqual(union.map((v) => (c.x.includes(v) ? v * 10 + trial : null)));
      });
    }
  });

  it('survives a structured clone (stored in IndexedDB) and keeps appending', () => {
    const c = createCurve(4);
    for (let s = 1; s <= 9; s++) appendPoint(c, s, 1);
    const copy = structuredClone(c);
    appendPoint(copy, 10, 1);
    expect(copy.count).toBe(10);
    expect(curvePoints(copy).x[curvePoints(copy).x.length - 1]).toBe(10);
  });
});
