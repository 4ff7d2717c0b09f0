import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { dropoutLowering } from './lower.ts';
import { dropoutSpec } from './spec.ts';

runTestsOnWasm();

describe('dropout', () => {
  it('keeps the shape and leaks nothing', () => {
    expectShapesAsInferred(
      dropoutSpec,
      dropoutLowering,
      { rate: 0.5 },
      { x: { shape: [2, 3, 4] } },
      true,
    );
  });

  it('is the identity in evaluation', () => {
    const x = tf.tensor1d([1, 2, 3]).reshape([1, 3]);
    const node = makeNode(dropoutSpec, dropoutLowering, { rate: 0.5 }, { x });
    expect(Array.from(node.apply({ x }).y!.dataSync())).toEqual([1, 2, 3]);
    x.dispose();
  });

  it('drops about rate of the elements, rescales the rest, and repeats for a seed', () => {
    const x = tf.ones([100, 100]);
    const node = makeNode(dropoutSpec, dropoutLowering, { rate: 0.3 }, { x });
    const a = node.apply({ x }, { training: true, seed: 42 }).y!.dataSync();
    const b = node.apply({ x }, { training: true, seed: 42 }).y!.dataSync();
    const c = node.apply({ x }, { training: true, seed: 43 }).y!.dataSync();
    const zeros = a.filter((v) => v === 0).length;
    expect(zeros / a.length).toBeGreaterThan(0.27);
    expect(zeros / a.length).toBeLessThan(0.33);
    for (const v of a) if (v !== 0) expect(v).toBeCloseTo(1 / 0.7, 5);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
    x.dispose();
  });
});
