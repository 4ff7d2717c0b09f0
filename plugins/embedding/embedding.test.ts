import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { embeddingLowering } from './lower.ts';
import { embeddingSpec } from './spec.ts';

runTestsOnWasm();

describe('embedding', () => {
  it.each([
    { x: [2, 5], vocabSize: 10, dim: 4 },
    { x: [3], vocabSize: 7, dim: 2 },
  ])('infers the real shape for x $x', ({ x, vocabSize, dim }) => {
    const r = expectShapesAsInferred(
      embeddingSpec,
      embeddingLowering,
      { vocabSize, dim },
      { x: { shape: x, dtype: 'int32' } },
    );
    expect(r.params).toBe(vocabSize * dim);
  });

  it('looks up rows and sends gradients back to the looked-up rows only', () => {
    const before = tf.memory().numTensors;
    const table = [0, 1, 10, 11, 20, 21]; // 3 tokens × dim 2
    const x = tf.tensor2d([[2, 0, 2]], [1, 3], 'int32');
    const node = makeNode(embeddingSpec, embeddingLowering, { vocabSize: 3, dim: 2 }, { x }, { table });
    const y = node.apply({ x }).y!;
    expect(Array.from(y.dataSync())).toEqual([20, 21, 0, 1, 20, 21]);
    const w = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const { grads, value } = tf.variableGrads(
      () => tf.sum(tf.mul(node.apply({ x }).y!, w.reshape([1, 3, 2]))),
      [node.weights.table!],
    );
    // Token 2 appears at positions 0 and 2: its gradient row is w[0] + w[2].
    expect(Array.from(grads[node.weights.table!.name]!.dataSync())).toEqual([3, 4, 0, 0, 6, 8]);
    tf.dispose([x, y, w, value, ...Object.values(grads)]);
    node.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
