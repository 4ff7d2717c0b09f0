import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { batchNormLowering } from './lower.ts';
import { batchNormSpec } from './spec.ts';

runTestsOnWasm();

describe('batch-norm', () => {
  it.each([[[4, 3]], [[2, 5, 3]], [[2, 4, 4, 2]]])(
    'infers the real shape for %j in training and eval',
    (shape) => {
      for (const training of [true, false]) {
        const r = expectShapesAsInferred(batchNormSpec, batchNormLowering, {}, { x: { shape } }, training);
        expect(r.params).toBe(2 * shape[shape.length - 1]!);
      }
    },
  );

  it('normalises by batch statistics in training and updates running statistics', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([
      [1, 10],
      [3, 20],
      [5, 60],
    ]);
    const node = makeNode(batchNormSpec, batchNormLowering, { momentum: 0.9, eps: 1e-12 }, { x });
    const yt = node.apply({ x }, { training: true }).y!;
    const y = yt.dataSync();
    // Channel 0: mean 3, biased var 8/3.
    expect(y[0]).toBeCloseTo((1 - 3) / Math.sqrt(8 / 3), 5);
    expect(y[4]).toBeCloseTo((5 - 3) / Math.sqrt(8 / 3), 5);
    // Running: 0.9·0 + 0.1·mean; 0.9·1 + 0.1·unbiased var (4 and 700).
    expect(Array.from(node.state.movingMean!.dataSync())).toEqual([
      expect.closeTo(0.3, 5),
      expect.closeTo(3, 5),
    ]);
    expect(Array.from(node.state.movingVar!.dataSync())).toEqual([
      expect.closeTo(0.9 + 0.4, 4),
      expect.closeTo(0.9 + 70, 3),
    ]);
    // Evaluation uses the running statistics and leaves them alone.
    const et = node.apply({ x }, { training: false }).y!;
    const e = et.dataSync();
    expect(e[0]).toBeCloseTo((1 - 0.3) / Math.sqrt(1.3), 5);
    expect(node.state.movingMean!.dataSync()[0]).toBeCloseTo(0.3, 5);
    tf.dispose([x, yt, et]);
    node.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
