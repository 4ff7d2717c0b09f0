import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { accuracyLowering } from './lower.ts';
import { accuracySpec } from './spec.ts';

runTestsOnWasm();

describe('accuracy', () => {
  it('counts arg-max hits', () => {
    const before = tf.memory().numTensors;
    const pred = tf.tensor2d([
      [0.1, 0.9],
      [2, 1],
      [0, 3],
      [5, 4],
    ]);
    const target = tf.tensor1d([1, 0, 0, 1], 'int32');
    const node = makeNode(accuracySpec, accuracyLowering, {}, { pred, target });
    const v = node.apply({ pred, target }).value!;
    expect(v.shape).toEqual([]);
    expect(v.dataSync()[0]).toBeCloseTo(0.5, 6);
    tf.dispose([pred, target, v]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ignores masked positions', () => {
    const pred = tf.tensor3d([
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    ]);
    const target = tf.tensor2d([[0, 2, 2]], [1, 3], 'int32');
    const mask = tf.tensor2d([[1, 0, 1]]);
    const node = makeNode(accuracySpec, accuracyLowering, {}, { pred, target, mask });
    const v = node.apply({ pred, target, mask }).value!;
    expect(v.dataSync()[0]).toBeCloseTo(1, 6);
    tf.dispose([pred, target, mask, v]);
  });
});
