import { describe, expect, it } from 'vitest';
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';
import { conv2dNative } from './convGrad.ts';

type Case = readonly [number, number, number, number, number, number, 'same' | 'valid'];
const CASES: Case[] = [
  [5, 6, 3, 2, 2, 1, 'same'],
  [5, 6, 3, 2, 2, 2, 'valid'],
  [6, 6, 3, 3, 2, 2, 'same'],
  [5, 5, 3, 3, 1, 1, 'same'],
  [7, 5, 1, 3, 3, 1, 'valid'],
];

/** Gradients of sum(conv ⊙ cot) for x and the filter, with plain tf.conv2d or conv2dTrainable. */
function grads(useTrainable: boolean, [h, w, kh, kw, sh, sw, pad]: Case): number[][] {
  return tf.tidy(() => {
    const x = tf.randomNormal([2, h, w, 3], 0, 1, 'float32', 1);
    const f = tf.randomNormal([kh, kw, 3, 2], 0, 1, 'float32', 2);
    const conv = (a: tfc.Tensor, b: tfc.Tensor): tfc.Tensor4D =>
      useTrainable
        ? conv2dNative(a as tfc.Tensor4D, b as tfc.Tensor4D, [sh, sw], pad)
        : tf.conv2d(a as tfc.Tensor4D, b as tfc.Tensor4D, [sh, sw], pad);
    const cot = tf.randomNormal(conv(x, f).shape, 0, 1, 'float32', 3);
    const [dx, df] = tf.grads((a: tfc.Tensor, b: tfc.Tensor) => tf.sum(tf.mul(conv(a, b), cot)))([x, f]);
    return [Array.from(conv(x, f).dataSync()), Array.from(dx!.dataSync()), Array.from(df!.dataSync())];
  });
}

describe('conv2dTrainable', () => {
  it.each(CASES)('matches tf.conv2d autodiff on cpu, and runs the same on wasm: %i x %i, k %i x %i, s %i x %i, %s', async (...c) => {
    await tf.setBackend('cpu');
    const want = grads(false, c);
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const got = grads(true, c);
      expect(tf.memory().numTensors).toBe(before);
      got.forEach((g, i) => {
        const err = Math.max(...g.map((v, j) => Math.abs(v - want[i]![j]!)));
        expect(err, `${backend} tensor ${i}`).toBeLessThan(1e-4);
      });
    }
  });
});
