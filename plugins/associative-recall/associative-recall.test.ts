import { describe, expect, it } from 'vitest';
import { expectSourceAsInferred, inferNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { associativeRecallLowering, generateRecall } from './lower.ts';
import { associativeRecallSpec } from './spec.ts';

runTestsOnWasm();

describe('associative-recall', () => {
  it.each<Record<string, number>>([{}, { length: 40, pairs: 6, queries: 6 }])(
    'yields inferred shapes, repeats, leaks nothing (%j)',
    (p) => {
      expectSourceAsInferred(associativeRecallSpec, associativeRecallLowering, { samples: 30, ...p });
    },
  );

  it('asks keys from the context and scores exactly their values', () => {
    const p = { pairs: 5, queries: 3, vocabSize: 21, length: 30, samples: 50, seed: 2 };
    const ds = generateRecall(p);
    const x = ds.columns.x!.data;
    const y = ds.columns.y!.data;
    const m = ds.columns.mask!.data;
    for (let s = 0; s < p.samples; s++) {
      const row = (a: ArrayLike<number>) => Array.from({ length: 30 }, (_, i) => a[s * 30 + i]!);
      const [xs, ys, ms] = [row(x), row(y), row(m)];
      const kv = new Map<number, number>();
      for (let i = 0; i < p.pairs; i++) {
        expect(xs[2 * i]).toBeGreaterThanOrEqual(1);
        expect(xs[2 * i]).toBeLessThanOrEqual(10); // keys 1..K, K = 10
        expect(xs[2 * i + 1]).toBeGreaterThan(10); // values K+1..20
        kv.set(xs[2 * i]!, xs[2 * i + 1]!);
      }
      expect(kv.size).toBe(p.pairs); // distinct keys
      expect(ms.reduce((a, b) => a + b, 0)).toBe(p.queries);
      const asked = new Set<number>();
      ms.forEach((v, i) => {
        if (v === 0) {
          expect(ys[i]).toBe(0);
          return;
        }
        expect(i).toBeGreaterThanOrEqual(2 * p.pairs);
        expect(ys[i]).toBe(kv.get(xs[i]!));
        expect(xs[i + 1]).toBe(ys[i]);
        asked.add(xs[i]!);
      });
      expect(asked.size).toBe(p.queries); // distinct queries
    }
  });

  it('explains impossible settings, naming the param', () => {
    expect(() => inferNode(associativeRecallSpec, { pairs: 10, vocabSize: 16 }, {})).toThrow(
      /only 7 distinct keys .* raise it to 21/,
    );
    expect(() => inferNode(associativeRecallSpec, { pairs: 2, queries: 3 }, {})).toThrow(
      /"queries" \(3\) cannot exceed/,
    );
    expect(() => inferNode(associativeRecallSpec, { pairs: 4, queries: 2, length: 10 }, {})).toThrow(
      /at least 12/,
    );
  });
});
