/**
 * Prints the largest relative differences (max|Δ| / max(1, max|ref|)) of the direct and FFT
 * convolutions against the recurrence, for y and every gradient (A, B included, learnA):
 * `npx tsx plugins/lssl/reference/form-errors.ts`. Backend wasm, float32.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { createRng } from '../../../runtime/lower/rng.ts';
import { tf } from '../../../runtime/exec/tf.ts';
import { lsslTestParams, lsslTestWeights, lsslValueAndGrads } from '../lssl.testkit.ts';

await tf.setBackend('wasm');
await tf.ready();
const rel = (a: Tensor, b: Tensor): number =>
  tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]! / Math.max(1, tf.max(tf.abs(b)).dataSync()[0]!));
const randn = (shape: number[], seed: number): Tensor => {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
};
console.log('| L | measure | conv | y | worst gradient |');
console.log('|---|---|---|---|---|');
for (const [L, measure] of [[1, 'legs'], [16, 'legt'], [37, 'legs'], [100, 'legt'], [300, 'legs']] as const) {
  tf.tidy(() => {
    const p = lsslTestParams({ dModel: 3, stateSize: 8, dtMin: 1e-2, dtMax: 1, measure, learnA: true, timescales: 2 });
    const w = lsslTestWeights(p, 100 + L);
    const x = randn([2, L, 3], 200 + L);
    const cot = randn([2, L, 3], 300 + L);
    const ref = lsslValueAndGrads(x, w, { ...p, mode: 'recurrent' }, cot);
    for (const convImpl of ['direct', 'fft'] as const) {
      const got = lsslValueAndGrads(x, w, { ...p, mode: 'conv', convImpl }, cot);
      const g = Math.max(...got.grads.map((t, i) => rel(t, ref.grads[i]!)));
      console.log(`| ${L} | ${measure} | ${convImpl} | ${rel(got.y, ref.y).toExponential(1)} | ${g.toExponential(1)} |`);
    }
  });
}
