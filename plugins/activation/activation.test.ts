import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { activationRef } from '../_shared/activations.ts';
import { concreteShape, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { activationLowering } from './lower.ts';
import { activationSpec } from './spec.ts';

runTestsOnWasm();

const fns = ['relu', 'gelu', 'silu', 'tanh', 'sigmoid', 'softplus', 'leakyRelu'] as const;

describe('activation', () => {
  it.each(fns)('%s matches the closed form and keeps the shape', (fn) => {
    const before = tf.memory().numTensors;
    const values = [-3, -1.5, -0.2, 0, 0.3, 1, 2.5, 4];
    const x = tf.tensor3d(values, [2, 2, 2]);
    const node = makeNode(activationSpec, activationLowering, { fn, alpha: 0.2 }, { x });
    const y = node.apply({ x }).y!;
    expect(y.shape).toEqual(concreteShape(node.shapes.outputs.y, 2));
    const got = y.dataSync();
    values.forEach((v, i) => {
      expect(got[i]).toBeCloseTo(activationRef(v, fn, 0.2), 5);
    });
    tf.dispose([x, y]);
    node.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('has no weights', () => {
    const x = tf.ones([2, 3]);
    const node = makeNode(activationSpec, activationLowering, {}, { x });
    expect(node.shapes.weights ?? {}).toEqual({});
    x.dispose();
  });
});
