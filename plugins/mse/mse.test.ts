import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { inferNode, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { mseLowering } from './lower.ts';
import { mseSpec } from './spec.ts';

runTestsOnWasm();

describe('mse', () => {
  it('is the mean squared difference', () => {
    const before = tf.memory().numTensors;
    const pred = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const target = tf.tensor2d([
      [0, 2],
      [5, 1],
    ]);
    const node = makeNode(mseSpec, mseLowering, {}, { pred, target });
    const loss = node.apply({ pred, target }).loss!;
    expect(loss.dataSync()[0]).toBeCloseTo((1 + 0 + 4 + 9) / 4, 6);
    tf.dispose([pred, target, loss]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses different shapes', () => {
    expect(() =>
      inferNode(
        mseSpec,
        {},
        {
          pred: { kind: 'tensor', shape: [null, 2], dtype: 'float32' },
          target: { kind: 'tensor', shape: [null, 3], dtype: 'float32' },
        },
      ),
    ).toThrow(/"target" \[\?, 3\]/);
  });
});
