import { describe, expect, it } from 'vitest';
import { classCounts, expectSourceAsInferred, inferNode, makeSource, readBatch, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { delayedRecallLowering, generateDelayed } from './lower.ts';
import { delayedRecallSpec } from './spec.ts';

runTestsOnWasm();

describe('delayed-recall', () => {
  it('yields inferred shapes for long sequences, repeats, leaks nothing', () => {
    expectSourceAsInferred(delayedRecallSpec, delayedRecallLowering, { samples: 40, length: 512 });
  });

  it('puts one signal "delay" steps before the end (first token by default)', () => {
    for (const [delay, pos] of [
      [-1, 0],
      [10, 256 - 1 - 10],
      [0, 255],
    ] as const) {
      const ds = generateDelayed(14, 256, delay, 8);
      const x = ds.columns.x!.data;
      const y = ds.columns.y!.data;
      for (let i = 0; i < 14; i++) {
        const row = Array.from(x.subarray(i * 256, (i + 1) * 256));
        expect(row.filter((v) => v !== 0)).toEqual([y[i]]);
        expect(row[pos]).toBe(y[i]);
      }
    }
  });

  it('balances the signal classes and refuses a delay past the start', () => {
    const { source } = makeSource(delayedRecallSpec, delayedRecallLowering, {
      samples: 700,
      vocab: 8,
      length: 16,
      evalSplit: 0.2,
    });
    const counts = classCounts(readBatch(source.all('eval')).y!.data);
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(counts.values())).toEqual(new Set([20]));
    expect(() => inferNode(delayedRecallSpec, { length: 16, delay: 16 }, {})).toThrow(
      /at most length - 1 = 15/,
    );
  });
});
