import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { layerNormLowering } from './lower.ts';
import { layerNormSpec } from './spec.ts';

runTestsOnWasm();

describe('layer-norm', () => {
  it.each([[[2, 5]], [[2, 3, 4]]])('infers the real shape for %j', (shape) => {
    const r = expectShapesAsInferred(layerNormSpec, layerNormLowering, {}, { x: { shape } });
    expect(r.params).toBe(2 * shape[shape.length - 1]!);
  });

  it('normalises each row, then scales and shifts (by hand)', () => {
    const x = tf.tensor2d([
      [1, 2, 3, 6],
      [0, 0, 0, 4],
    ]);
    const gamma = [1, 2, 0.5, -1];
    const beta = [0, 1, 0, 0.5];
    const node = makeNode(layerNormSpec, layerNormLowering, { eps: 1e-3 }, { x }, { gamma, beta });
    const y = node.apply({ x }).y!.dataSync();
    [
      [1, 2, 3, 6],
      [0, 0, 0, 4],
    ].forEach((row, i) => {
      const mean = row.reduce((a, b) => a + b, 0) / 4;
      const v = row.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
      row.forEach((val, j) => {
        expect(y[i * 4 + j]).toBeCloseTo(((val - mean) / Math.sqrt(v + 1e-3)) * gamma[j]! + beta[j]!, 5);
      });
    });
    x.dispose();
    node.dispose();
  });
});
