import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, inferNode, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { concatLowering } from './lower.ts';
import { concatSpec } from './spec.ts';

runTestsOnWasm();

const t = (shape: (number | null)[]) => ({ kind: 'tensor', shape, dtype: 'float32' }) as const;

describe('concat', () => {
  it.each<{ params: { axis: number }; inputs: Record<string, number[]> }>([
    { params: { axis: -1 }, inputs: { a: [2, 3], b: [2, 5] } },
    { params: { axis: 1 }, inputs: { a: [2, 3, 4], b: [2, 1, 4], c: [2, 2, 4] } },
    { params: { axis: -2 }, inputs: { a: [2, 3, 4], b: [2, 1, 4], c: [2, 2, 4], d: [2, 6, 4] } },
  ])('infers the real shape ($params)', ({ params, inputs }) => {
    const shapes = Object.fromEntries(Object.entries(inputs).map(([k, s]) => [k, { shape: s }]));
    expectShapesAsInferred(concatSpec, concatLowering, params, shapes);
  });

  it('joins in port order a, b, c', () => {
    const a = tf.tensor2d([[1]]);
    const b = tf.tensor2d([[2, 3]]);
    const c = tf.tensor2d([[4]]);
    const node = makeNode(concatSpec, concatLowering, {}, { a, b, c });
    expect(Array.from(node.apply({ a, b, c }).y!.dataSync())).toEqual([1, 2, 3, 4]);
    tf.dispose([a, b, c]);
  });

  it('refuses the batch axis and mismatched axes, naming param or port', () => {
    expect(() => inferNode(concatSpec, { axis: 0 }, { a: t([null, 2]), b: t([null, 2]) })).toThrow(
      /batch axis/,
    );
    expect(() => inferNode(concatSpec, { axis: -1 }, { a: t([null, 2, 3]), b: t([null, 4, 3]) })).toThrow(
      /"b" \[\?, 4, 3\] disagrees .* axis 1/,
    );
    expect(inferNode(concatSpec, {}, { a: t([null, 2]), b: t([null, null]) }).outputs.y).toMatchObject({
      shape: [null, null],
    });
  });
});
