import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { globalPoolLowering } from './lower.ts';
import { globalPoolSpec } from './spec.ts';

runTestsOnWasm();

describe('global-pool', () => {
  it.each([
    { shape: [2, 5, 3], mode: 'mean' },
    { shape: [2, 4, 4, 3], mode: 'max' },
  ])('infers the real shape for $shape ($mode)', ({ shape, mode }) => {
    expectShapesAsInferred(globalPoolSpec, globalPoolLowering, { mode }, { x: { shape } });
  });

  it('takes the mean or max over the middle axes', () => {
    const x = tf.tensor3d([
      [
        [1, 10],
        [3, -10],
        [8, 0],
      ],
    ]);
    for (const [mode, want] of [
      ['mean', [4, 0]],
      ['max', [8, 10]],
    ] as const) {
      const node = makeNode(globalPoolSpec, globalPoolLowering, { mode }, { x });
      const y = node.apply({ x }).y!.dataSync();
      expect(Array.from(y)).toEqual(want);
    }
    x.dispose();
  });
});
