import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { softmaxLowering } from './lower.ts';
import { softmaxSpec } from './spec.ts';

runTestsOnWasm();

describe('softmax', () => {
  it('keeps the shape and normalises the last axis (by hand)', () => {
    expectShapesAsInferred(softmaxSpec, softmaxLowering, {}, { x: { shape: [2, 3, 4] } });
    const x = tf.tensor2d([[1, 2, 3]]);
    const node = makeNode(softmaxSpec, softmaxLowering, {}, { x });
    const y = node.apply({ x }).y!.dataSync();
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    [1, 2, 3].forEach((v, i) => {
      expect(y[i]).toBeCloseTo(Math.exp(v) / z, 6);
    });
    x.dispose();
  });
});
