import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, inferNode, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { addLowering } from './lower.ts';
import { addSpec } from './spec.ts';

runTestsOnWasm();

describe('add', () => {
  it.each([
    { a: [2, 3], b: [2, 3] },
    { a: [2, 4, 3], b: [2, 1, 3] },
    { a: [2, 4, 3], b: [2, 4, 1] },
  ])('infers the real broadcast shape for $a + $b', ({ a, b }) => {
    expectShapesAsInferred(addSpec, addLowering, {}, { a: { shape: a }, b: { shape: b } });
  });

  it('adds elementwise', () => {
    const a = tf.tensor2d([[1, 2]]);
    const b = tf.tensor2d([[10, 20]]);
    const node = makeNode(addSpec, addLowering, {}, { a, b });
    expect(Array.from(node.apply({ a, b }).y!.dataSync())).toEqual([11, 22]);
    tf.dispose([a, b]);
  });

  it('names the axis that does not broadcast', () => {
    const t = (shape: (number | null)[]) => ({ kind: 'tensor', shape, dtype: 'float32' }) as const;
    expect(() => inferNode(addSpec, {}, { a: t([null, 3]), b: t([null, 4]) })).toThrow(
      /axis 1 has size 3 in one input and 4/,
    );
  });
});
