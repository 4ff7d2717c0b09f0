import { describe, expect, it } from 'vitest';
import { classCounts, expectSourceAsInferred, makeSource, readBatch, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { generateParity, parityLowering } from './lower.ts';
import { paritySpec } from './spec.ts';

runTestsOnWasm();

describe('parity', () => {
  it('yields inferred shapes, repeats for a seed and leaks nothing', () => {
    expectSourceAsInferred(paritySpec, parityLowering, { samples: 40, length: 6 });
  });

  it('labels each sequence with the parity of its ones, classes balanced', () => {
    const ds = generateParity(400, 7, 3);
    const x = ds.columns.x!.data;
    const y = ds.columns.y!.data;
    for (let i = 0; i < 400; i++) {
      const ones = Array.from(x.subarray(i * 7, i * 7 + 7)).reduce((a, b) => a + b, 0);
      expect(ones % 2).toBe(y[i]);
    }
    const { source } = makeSource(paritySpec, parityLowering, { samples: 400, evalSplit: 0.25 });
    expect(classCounts(readBatch(source.all('eval')).y!.data)).toEqual(
      new Map([
        [0, 50],
        [1, 50],
      ]),
    );
  });
});
