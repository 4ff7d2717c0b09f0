import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { shapesAgainstInfer } from '../_shared/plugin.testkit.ts';
import { flattenLowering } from './lower.ts';
import { flattenSpec } from './spec.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('flatten', () => {
  it.each([[[2, 3]], [[2, 3, 4]], [[3, 2, 2, 5]]])('infers the real shape for %j', (shape) => {
    const r = shapesAgainstInfer(flattenSpec, flattenLowering, {}, { x: { shape } });
    expect(r.real).toEqual(r.inferred);
    expect(r.real.y).toEqual([shape[0], shape.slice(1).reduce((a, b) => a * b, 1)]);
    expect(r.leaked).toBe(0);
  });
});
