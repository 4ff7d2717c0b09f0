import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { pool2dLowering } from './lower.ts';
import { pool2dSpec } from './spec.ts';

runTestsOnWasm();

describe('pool2d', () => {
  it.each([
    { x: [2, 6, 6, 3], mode: 'max', poolSize: [2, 2], strides: [2, 2], padding: 'valid' },
    { x: [2, 7, 5, 1], mode: 'avg', poolSize: [3, 3], strides: [2, 2], padding: 'same' },
    { x: [1, 7, 5, 2], mode: 'max', poolSize: [3, 2], strides: [1, 2], padding: 'valid' },
  ])('infers the real shape for $x, $mode $poolSize / $strides $padding', ({ x, ...params }) => {
    expectShapesAsInferred(pool2dSpec, pool2dLowering, params, { x: { shape: x } });
  });

  it('takes window maxima and means (by hand)', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 4, 4, 1]);
    const max = makeNode(pool2dSpec, pool2dLowering, { mode: 'max' }, { x });
    const avg = makeNode(pool2dSpec, pool2dLowering, { mode: 'avg' }, { x });
    expect(Array.from(max.apply({ x }).y!.dataSync())).toEqual([6, 8, 14, 16]);
    expect(Array.from(avg.apply({ x }).y!.dataSync())).toEqual([3.5, 5.5, 11.5, 13.5]);
    x.dispose();
  });

  it('has gradients on wasm', () => {
    const x = tf.tensor4d([1, 5, 2, 0], [1, 2, 2, 1]);
    const node = makeNode(pool2dSpec, pool2dLowering, { mode: 'max' }, { x });
    const g = tf.grad((t: tf.Tensor) => tf.sum(node.apply({ x: t }).y!))(x);
    expect(Array.from(g.dataSync())).toEqual([0, 1, 0, 0]);
    tf.dispose([x, g]);
  });
});
