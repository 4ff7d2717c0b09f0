import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { conv2dIm2col } from '../_shared/conv.ts';
import { convPadding } from '../_shared/shapes.ts';
import { expectShapesAsInferred, inferNode, makeNode, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { conv2dLowering } from './lower.ts';
import { conv2dSpec } from './spec.ts';

runTestsOnWasm();
afterAll(async () => {
  await tf.setBackend('wasm');
});

const cases = [
  { x: [2, 7, 6, 3], kernelSize: [3, 3], strides: [1, 1], padding: 'same' },
  { x: [2, 7, 6, 3], kernelSize: [3, 2], strides: [2, 2], padding: 'same' },
  { x: [1, 8, 9, 2], kernelSize: [3, 3], strides: [2, 1], padding: 'valid' },
  { x: [1, 5, 5, 1], kernelSize: [1, 1], strides: [3, 3], padding: 'valid' },
] as const;

describe('conv2d', () => {
  it.each(cases)('infers the real shape for x $x, kernel $kernelSize, strides $strides, $padding', (c) => {
    const params = { filters: 4, kernelSize: [...c.kernelSize], strides: [...c.strides], padding: c.padding };
    const r = expectShapesAsInferred(conv2dSpec, conv2dLowering, params, { x: { shape: [...c.x] } });
    expect(r.params).toBe(c.kernelSize[0] * c.kernelSize[1] * c.x[3] * 4 + 4);
  });

  it.each(cases)('matches tf.conv2d for $kernelSize, strides $strides, $padding', (c) => {
    const x = tf.randomNormal<tf.Rank.R4>([...c.x], 0, 1, 'float32', 1);
    const k = tf.randomNormal<tf.Rank.R4>([c.kernelSize[0], c.kernelSize[1], c.x[3], 4], 0, 1, 'float32', 2);
    const want = tf.conv2d(x, k, [c.strides[0], c.strides[1]], c.padding);
    const got = tf.tidy(() =>
      conv2dIm2col(x, k, {
        strides: [c.strides[0], c.strides[1]],
        dilations: [1, 1],
        pads: [
          convPadding(c.x[1], c.kernelSize[0], c.strides[0], 1, c.padding),
          convPadding(c.x[2], c.kernelSize[1], c.strides[1], 1, c.padding),
        ],
      }),
    );
    expect(got.shape).toEqual(want.shape);
    const g = got.dataSync();
    want.dataSync().forEach((v, i) => {
      expect(g[i]).toBeCloseTo(v, 4);
    });
    tf.dispose([x, k, want, got]);
  });

  it('trains on wasm: im2col gradients equal the native ones computed on cpu', async () => {
    const grads = async (backend: string): Promise<number[][]> => {
      await tf.setBackend(backend);
      const x = tf.tensor4d(
        Array.from({ length: 2 * 5 * 4 * 2 }, (_, i) => Math.sin(i)),
        [2, 5, 4, 2],
      );
      const node = makeNode(
        conv2dSpec,
        conv2dLowering,
        { filters: 3, strides: [2, 1], activation: 'tanh' },
        { x },
        {
          kernel: Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => Math.cos(i)),
          bias: [0.1, -0.2, 0.3],
        },
      );
      const vars = [node.weights.kernel!, node.weights.bias!];
      const { grads: g, value } = tf.variableGrads(() => tf.sum(tf.square(node.apply({ x }).y!)), vars);
      const out = vars.map((v) => Array.from(g[v.name]!.dataSync()));
      tf.dispose([x, value, ...Object.values(g)]);
      node.dispose();
      return out;
    };
    const wasm = await grads('wasm');
    const cpu = await grads('cpu');
    await tf.setBackend('wasm');
    wasm.forEach((g, i) => {
      g.forEach((v, j) => {
        expect(v).toBeCloseTo(cpu[i]![j]!, 3);
      });
    });
  });

  it('names kernelSize when the kernel does not fit', () => {
    expect(() =>
      inferNode(
        conv2dSpec,
        { kernelSize: [5, 5], padding: 'valid' },
        { x: { kind: 'tensor', shape: [null, 4, 8, 1], dtype: 'float32' } },
      ),
    ).toThrow(/5x5 kernel does not fit/);
  });
});
