import { describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { cosOfPhase, sinOfPhase } from './phase.ts';

/** Float32 weights spread over [−3, 3], the range He-initialised kernels live in. */
const weights = Float32Array.from({ length: 4001 }, (_, i) => -3 + (6 * i) / 4000);

function worstError(f: (w: number) => number, got: ArrayLike<number>): number {
  let worst = 0;
  weights.forEach((w, i) => (worst = Math.max(worst, Math.abs(got[i]! - f(w)))));
  return worst;
}

describe('sin and cos of the reduced phase', () => {
  for (const freq of [0.5, 5, 20, 100]) {
    it(`match float64 sin(f·w), cos(f·w) and the derivative f·cos(f·w) to float32 accuracy (f = ${freq})`, async () => {
      await tf.setBackend('cpu');
      const w = tf.tensor1d(weights);
      const sin = sinOfPhase(w, freq);
      const cos = cosOfPhase(w, freq);
      const dSin = tf.grad((x: tf.Tensor) => tf.sum(sinOfPhase(x, freq)))(w);
      // The reference takes the float32 weight exactly, so only our float32 steps count.
      expect(worstError((x) => Math.sin(freq * x), await sin.data())).toBeLessThan(2e-6);
      expect(worstError((x) => Math.cos(freq * x), await cos.data())).toBeLessThan(2e-6);
      expect(worstError((x) => freq * Math.cos(freq * x), await dSin.data()) / freq).toBeLessThan(2e-6);
      tf.dispose([w, sin, cos, dSin]);
    });
  }
});
