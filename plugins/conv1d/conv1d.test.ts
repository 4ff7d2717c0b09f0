import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { expectShapesAsInferred, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { conv1dLowering } from './lower.ts';
import { conv1dSpec } from './spec.ts';

runTestsOnWasm();

const cases = [
  { x: [2, 9, 3], kernelSize: 3, strides: 1, padding: 'same', dilation: 1 },
  { x: [2, 9, 3], kernelSize: 4, strides: 2, padding: 'same', dilation: 1 },
  { x: [2, 9, 3], kernelSize: 3, strides: 2, padding: 'valid', dilation: 1 },
  { x: [1, 10, 2], kernelSize: 3, strides: 1, padding: 'causal', dilation: 2 },
  { x: [1, 10, 2], kernelSize: 2, strides: 1, padding: 'valid', dilation: 3 },
] as const;

describe('conv1d', () => {
  it.each(cases)(
    'infers the real shape for k $kernelSize, s $strides, $padding, d $dilation',
    ({ x, ...c }) => {
      const r = expectShapesAsInferred(
        conv1dSpec,
        conv1dLowering,
        { filters: 5, ...c },
        { x: { shape: [...x] } },
      );
      expect(r.params).toBe(c.kernelSize * x[2] * 5 + 5);
    },
  );

  it.each(cases.filter((c) => c.padding !== 'causal' && (c.strides === 1 || c.dilation === 1)))(
    'matches tf.conv1d for k $kernelSize, s $strides, $padding, d $dilation',
    (c) => {
      const x = tf.randomNormal<tf.Rank.R3>([...c.x], 0, 1, 'float32', 1);
      const node = makeNode(
        conv1dSpec,
        conv1dLowering,
        {
          filters: 4,
          kernelSize: c.kernelSize,
          strides: c.strides,
          padding: c.padding,
          dilation: c.dilation,
          useBias: false,
        },
        { x },
      );
      const got = node.apply({ x }).y!;
      const want = tf.conv1d(x, node.weights.kernel as tf.Tensor3D, c.strides, c.padding, 'NWC', c.dilation);
      expect(got.shape).toEqual(want.shape);
      const g = got.dataSync();
      want.dataSync().forEach((v, i) => {
        expect(g[i]).toBeCloseTo(v, 4);
      });
      tf.dispose([x, got, want]);
      node.dispose();
    },
  );

  it('causal: y_t = sum_j W_j · x_{t - (k-1-j)·d}, never looking ahead (by hand)', () => {
    const xs = [1, 2, 3, 4, 5, 6];
    const x = tf.tensor3d(xs, [1, 6, 1]);
    const W = [0.5, -1, 2]; // k = 3, C = F = 1
    const node = makeNode(
      conv1dSpec,
      conv1dLowering,
      { filters: 1, kernelSize: 3, padding: 'causal', dilation: 2, useBias: false },
      { x },
      { kernel: W },
    );
    const y = node.apply({ x }).y!.dataSync();
    xs.forEach((_, t) => {
      let want = 0;
      W.forEach((w, j) => {
        const src = t - (2 - j) * 2;
        if (src >= 0) want += w * xs[src]!;
      });
      expect(y[t]).toBeCloseTo(want, 5);
    });
    x.dispose();
    node.dispose();
  });
});
