import { describe, expect, it } from 'vitest';
import { expectShapesAsInferred, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { flattenLowering } from './lower.ts';
import { flattenSpec } from './spec.ts';

runTestsOnWasm();

describe('flatten', () => {
  it.each([[[2, 3]], [[2, 3, 4]], [[3, 2, 2, 5]]])('infers the real shape for %j', (shape) => {
    const r = expectShapesAsInferred(flattenSpec, flattenLowering, {}, { x: { shape } });
    expect(r.real.y).toEqual([shape[0], shape.slice(1).reduce((a, b) => a * b, 1)]);
  });
});
