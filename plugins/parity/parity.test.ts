import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { classCounts, makeSource, readBatch, sourceFacts } from '../_shared/plugin.testkit.ts';
import { generateParity, parityLowering } from './lower.ts';
import { paritySpec } from './spec.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('parity', () => {
  it('yields inferred shapes, repeats for a seed and leaks nothing', () => {
    const f = sourceFacts(paritySpec, parityLowering, { samples: 40, length: 6 });
    expect(f.real).toEqual(f.inferred);
    expect(f.repeatable).toBe(true);
    expect(f.leaked).toBe(0);
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
