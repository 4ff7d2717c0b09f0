/**
 * Prints the largest relative differences (max|Δ| / max(1, max|ref|)) of the parallel and
 * chunkwise forms against the recurrent oracle, for y, the final state and every gradient:
 * `npx tsx plugins/gla/reference/form-errors.ts`. Backend wasm, float32.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../../runtime/exec/tf.ts';
import { glaForward } from '../layer.ts';
import { glaTestParams, glaTestWeights, glaValueAndGrads, randomTensor } from '../gla.testkit.ts';

await tf.setBackend('wasm');
await tf.ready();
const rel = (a: Tensor, b: Tensor): number =>
  tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]! / Math.max(1, tf.max(tf.abs(b)).dataSync()[0]!));
const base = glaTestParams({ dModel: 8, numHeads: 2 });
const forms = [
  { mode: 'parallel' as const },
  { mode: 'chunk' as const, chunkSize: 16, subChunkSize: 4 },
  { mode: 'chunk' as const, chunkSize: 8, subChunkSize: 8 },
  { mode: 'chunk' as const, chunkSize: 64, subChunkSize: 16 },
];
console.log('| L | gate shift | form | y | state | worst gradient |');
console.log('|---|---|---|---|---|---|');
for (const [L, shift] of [[1, 0], [15, 0], [16, 0], [17, 0], [37, 0], [70, -30]] as const) {
  tf.tidy(() => {
    const w = glaTestWeights(base, 11, shift);
    const x = randomTensor([2, L, 8], 12 + L);
    const cot = randomTensor([2, L, 8], 13 + L);
    const ref = glaValueAndGrads(x, w, { ...base, mode: 'recurrent' }, cot);
    const refS = glaForward(x, w, { ...base, mode: 'recurrent' }).state;
    for (const f of forms) {
      const p = { ...base, ...f };
      const got = glaValueAndGrads(x, w, p, cot);
      const g = Math.max(...got.grads.map((t, i) => rel(t, ref.grads[i]!)));
      const name = f.mode === 'chunk' ? `chunk C=${f.chunkSize} c=${f.subChunkSize}` : f.mode;
      console.log(`| ${L} | ${shift} | ${name} | ${rel(got.y, ref.y).toExponential(1)} | ${rel(glaForward(x, w, p).state, refS).toExponential(1)} | ${g.toExponential(1)} |`);
    }
  });
}
