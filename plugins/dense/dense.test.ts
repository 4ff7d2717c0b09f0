import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { activationRef } from '../_shared/activations.ts';
import { concreteShape, inferNode, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { denseLowering } from './lower.ts';
import { denseSpec } from './spec.ts';

runTestsOnWasm();

describe('dense', () => {
  it.each([
    { x: [4, 3], units: 5 },
    { x: [2, 7, 3], units: 1 },
    { x: [2, 2, 3, 4], units: 6 },
  ])('infers the real output shape for x $x, units $units', ({ x, units }) => {
    const before = tf.memory().numTensors;
    const input = tf.ones(x);
    const node = makeNode(denseSpec, denseLowering, { units }, { x: input });
    const out = node.apply({ x: input });
    expect(out.y!.shape).toEqual(concreteShape(node.shapes.outputs.y, x[0]!));
    const sizes = Object.values(node.shapes.weights ?? {}).map((w) => w.shape.reduce((a, b) => a * b, 1));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(x[x.length - 1]! * units + units);
    tf.dispose([input, out.y!]);
    node.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('computes x·W + b then the activation, by hand', () => {
    const x = tf.tensor2d([
      [1, -2],
      [0.5, 3],
    ]);
    const W = [0.1, -0.2, 0.3, 0.4, 0.5, -0.6]; // [2, 3]
    const b = [0.01, 0.02, -0.03];
    for (const activation of ['none', 'relu', 'gelu', 'silu', 'tanh', 'sigmoid'] as const) {
      const node = makeNode(
        denseSpec,
        denseLowering,
        { units: 3, activation },
        { x },
        { kernel: W, bias: b },
      );
      const y = node.apply({ x }).y!;
      const got = y.dataSync();
      const rows = [
        [1, -2],
        [0.5, 3],
      ];
      rows.forEach((r, i) => {
        for (let j = 0; j < 3; j++) {
          const pre = r[0]! * W[j]! + r[1]! * W[3 + j]! + b[j]!;
          expect(got[i * 3 + j]).toBeCloseTo(activationRef(pre, activation), 5);
        }
      });
      y.dispose();
      node.dispose();
    }
    x.dispose();
  });

  it('leaves out the bias when useBias is false and reports FLOPs per example', () => {
    const r = inferNode(
      denseSpec,
      { units: 4, useBias: false },
      { x: { kind: 'tensor', shape: [null, 5, 3], dtype: 'float32' } },
    );
    expect(Object.keys(r.weights ?? {})).toEqual(['kernel']);
    expect(r.flops).toBe(5 * 2 * 3 * 4);
  });

  it('refuses an unknown last axis, naming the port', () => {
    expect(() =>
      inferNode(denseSpec, {}, { x: { kind: 'tensor', shape: [null, null], dtype: 'float32' } }),
    ).toThrow(/last axis of "x"/);
  });

  it('passes gradients to its weights without leaking', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([[1, 2]]);
    const node = makeNode(denseSpec, denseLowering, { units: 1 }, { x }, { kernel: [3, 4], bias: [0] });
    const { grads, value } = tf.variableGrads(
      () => tf.sum<tf.Scalar>(node.apply({ x }).y!),
      [node.weights.kernel!],
    );
    expect(Array.from(grads[node.weights.kernel!.name]!.dataSync())).toEqual([1, 2]);
    expect(value.dataSync()[0]).toBe(11);
    tf.dispose([x, value, ...Object.values(grads)]);
    node.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
