import { describe, expect, it } from 'vitest';
import { expectShapesAsInferred, inferNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { reshapeLowering } from './lower.ts';
import { reshapeSpec } from './spec.ts';

runTestsOnWasm();

describe('reshape', () => {
  it.each([
    { x: [2, 12], shape: [3, 4] },
    { x: [2, 3, 4], shape: [-1] },
    { x: [2, 3, 4], shape: [2, -1, 3] },
  ])('infers the real shape for $x -> $shape', ({ x, shape }) => {
    expectShapesAsInferred(reshapeSpec, reshapeLowering, { shape }, { x: { shape: x } });
  });

  it('refuses shapes that do not fit or have two -1', () => {
    const x = { kind: 'tensor', shape: [null, 12], dtype: 'float32' } as const;
    expect(() => inferNode(reshapeSpec, { shape: [5, -1] }, { x })).toThrow(
      /12 elements, which do not fit shape \[5, -1\]/,
    );
    expect(() => inferNode(reshapeSpec, { shape: [-1, -1] }, { x })).toThrow(/at most one entry/);
    const y = inferNode(
      reshapeSpec,
      { shape: [-1, 4] },
      { x: { kind: 'tensor', shape: [null, null, 4], dtype: 'int32' } },
    );
    expect(y.outputs.y).toEqual({ kind: 'tensor', shape: [null, null, 4], dtype: 'int32' });
  });
});
