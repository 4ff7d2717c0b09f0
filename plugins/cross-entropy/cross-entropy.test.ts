import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { inferNode, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { crossEntropyLowering } from './lower.ts';
import { crossEntropySpec } from './spec.ts';

runTestsOnWasm();

const logsumexp = (r: number[]): number => Math.log(r.reduce((a, v) => a + Math.exp(v), 0));

describe('cross-entropy', () => {
  it('equals the hand-computed mean negative log-likelihood, with its gradient', () => {
    const before = tf.memory().numTensors;
    const rows = [
      [1, 2, 3],
      [0, 0, 0],
      [5, -5, 0],
    ];
    const ids = [2, 1, 0];
    const pred = tf.tensor2d(rows);
    const target = tf.tensor1d(ids, 'int32');
    const node = makeNode(crossEntropySpec, crossEntropyLowering, {}, { pred, target });
    const expected = rows.reduce((a, r, i) => a + logsumexp(r) - r[ids[i]!]!, 0) / 3;
    const loss = node.apply({ pred, target }).loss!;
    expect(loss.shape).toEqual([]);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    // d loss / d logits = (softmax - onehot) / N
    const g = tf.grad((p: tf.Tensor) => node.apply({ pred: p, target }).loss!)(pred);
    const got = g.dataSync();
    rows.forEach((r, i) => {
      const z = logsumexp(r);
      r.forEach((v, j) => {
        expect(got[i * 3 + j]).toBeCloseTo((Math.exp(v - z) - (j === ids[i] ? 1 : 0)) / 3, 5);
      });
    });
    tf.dispose([pred, target, loss, g]);
    node.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('averages over unmasked positions only', () => {
    const pred = tf.tensor3d([
      [
        [2, 0],
        [0, 2],
        [9, -9],
      ],
    ]); // [1, 3, 2]
    const target = tf.tensor2d([[0, 0, 1]], [1, 3], 'int32');
    const mask = tf.tensor2d([[1, 1, 0]]);
    const node = makeNode(crossEntropySpec, crossEntropyLowering, {}, { pred, target, mask });
    const loss = node.apply({ pred, target, mask }).loss!;
    const expected = (logsumexp([2, 0]) - 2 + logsumexp([0, 2]) - 0) / 2;
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([pred, target, mask, loss]);
  });

  it('applies label smoothing', () => {
    const pred = tf.tensor2d([[1, 2, 3]]);
    const target = tf.tensor1d([0], 'int32');
    const node = makeNode(crossEntropySpec, crossEntropyLowering, { labelSmoothing: 0.3 }, { pred, target });
    const loss = node.apply({ pred, target }).loss!;
    const logp = [1, 2, 3].map((v) => v - logsumexp([1, 2, 3]));
    const q = [0.7 + 0.1, 0.1, 0.1];
    expect(loss.dataSync()[0]).toBeCloseTo(-q.reduce((a, v, i) => a + v * logp[i]!, 0), 5);
    tf.dispose([pred, target, loss]);
  });

  it('names the port whose shape disagrees', () => {
    const pred = { kind: 'tensor', shape: [null, 4, 3], dtype: 'float32' } as const;
    expect(() =>
      inferNode(crossEntropySpec, {}, { pred, target: { kind: 'tensor', shape: [null, 5], dtype: 'int32' } }),
    ).toThrow(/"target" \[\?, 5\] must have the shape of "pred"/);
    expect(() =>
      inferNode(
        crossEntropySpec,
        {},
        {
          pred,
          target: { kind: 'tensor', shape: [null, 4], dtype: 'int32' },
          mask: { kind: 'tensor', shape: [null, 3], dtype: 'float32' },
        },
      ),
    ).toThrow(/"mask"/);
  });
});
