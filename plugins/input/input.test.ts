import { describe, expect, it } from 'vitest';
import { expectShapesAsInferred, inferNode, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { inputLowering } from './lower.ts';
import { inputSpec } from './spec.ts';

runTestsOnWasm();

describe('input', () => {
  it('gives the declared shape when unconnected', () => {
    const r = inferNode(inputSpec, { shape: [8, 3], dtype: 'int32' }, {});
    expect(r.outputs.y).toEqual({ kind: 'tensor', shape: [null, 8, 3], dtype: 'int32' });
  });

  it('passes data through and infers its real shape', () => {
    expectShapesAsInferred(inputSpec, inputLowering, { shape: [4, 2] }, { x: { shape: [3, 4, 2] } });
  });

  it('refuses data of another shape or dtype, naming the port', () => {
    const x = { kind: 'tensor', shape: [null, 5], dtype: 'float32' } as const;
    expect(() => inferNode(inputSpec, { shape: [4] }, { x })).toThrow(
      /"x" is \[\?, 5\] but this input declares \[\?, 4\]/,
    );
    expect(() => inferNode(inputSpec, { shape: [5], dtype: 'int32' }, { x })).toThrow(
      /float32 but this input declares int32/,
    );
  });

  it('fails at run time with a coded error when nothing feeds it', () => {
    const node = makeNode(inputSpec, inputLowering, {}, {});
    expect(() => node.apply({})).toThrow(/input node "n" has no data/);
  });
});
