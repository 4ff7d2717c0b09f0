/**
 * GLA benchmark (a script, not a test): forward + backward time and peak tensor memory of the
 * chunkwise and recurrent GLA forms (tfjs ops), of the lowering's fused core on wasm
 * (runtime/exec/wasmGatedRecurrence.ts, docs/adr/0010) and of causal softmax attention of the
 * same width, for L = 128 … 4096 on wasm, measured in one run. Run: `npx tsx bench/gla.bench.ts`
 * (or `npx netwright bench gla`). Options: `--max-len N`, `--recurrent-max N`, `--reps N`.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../runtime/exec/tf.ts';
import { glaForward, glaOutput } from '../plugins/gla/layer.ts';
import { GLA_WEIGHT_NAMES, type GlaWeights } from '../plugins/gla/projections.ts';
import { glaTestParams, glaTestWeights } from '../plugins/gla/gla.testkit.ts';
import { lengthSweepArgs } from './args.ts';
import { forwardBackward, forwardBackwardNamed, profileAndTime, randn } from './tensorKit.ts';

const { maxLen: MAX_LEN, recurrentMax: RECURRENT_MAX, reps: REPS } = lengthSweepArgs(4096, 2048);
const D = 64;
const HEADS = 4;
const BATCH = 1;

/** Causal multi-head softmax attention with the same width: q, k, v, o projections d×d. */
function softmaxAttention(x: Tensor, w: readonly Tensor[]): Tensor {
  const [B, L, d] = x.shape as [number, number, number];
  const hd = d / HEADS;
  const x2 = tf.reshape(x, [B * L, d]);
  const heads = (t: Tensor): Tensor => tf.transpose(tf.reshape(t, [B, L, HEADS, hd]), [0, 2, 1, 3]);
  const q = heads(tf.matMul(x2, w[0]!));
  const k = heads(tf.matMul(x2, w[1]!));
  const v = heads(tf.matMul(x2, w[2]!));
  const mask = tf.linalg.bandPart(tf.ones([L, L]), -1, 0);
  const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hd)), tf.mul(tf.sub(1, mask), -1e9));
  const o = tf.matMul(tf.softmax(scores), v);
  return tf.reshape(tf.matMul(tf.reshape(tf.transpose(o, [0, 2, 1, 3]), [B * L, d]), w[3]!), [B, L, d]);
}

/** `fused`: the lowering's `glaOutput`, whose core on wasm is the fused kernel. */
type Form = 'chunk' | 'recurrent' | 'fused' | 'softmax';

/** One forward + backward (gradients for x and every weight); returns nothing, frees all. */
function step(form: Form, x: Tensor, glaW: GlaWeights, attW: readonly Tensor[], cot: Tensor): void {
  if (form === 'softmax') {
    forwardBackward((x0, ...w) => softmaxAttention(x0, w), [x, ...attW], cot);
    return;
  }
  const p = glaTestParams({ dModel: D, numHeads: HEADS, mode: form === 'fused' ? 'chunk' : form, chunkSize: 64, subChunkSize: 16 });
  const layer = form === 'fused' ? (x0: Tensor, w: GlaWeights) => glaOutput(x0, w, p) : (x0: Tensor, w: GlaWeights) => glaForward(x0, w, p).y;
  forwardBackwardNamed(layer, x, glaW, GLA_WEIGHT_NAMES, cot);
}

async function measure(form: Form, L: number): Promise<{ ms: number; peakMiB: number }> {
  const x = randn([BATCH, L, D], L);
  const cot = randn([BATCH, L, D], L + 1);
  const glaW = glaTestWeights(glaTestParams({ dModel: D, numHeads: HEADS }), 5);
  const attW = tf.tidy(() => [0, 1, 2, 3].map((i) => tf.mul(randn([D, D], 10 + i), 1 / Math.sqrt(D))));
  try {
    return await profileAndTime(() => { step(form, x, glaW, attW, cot); }, REPS);
  } finally {
    tf.dispose([x, cot, ...GLA_WEIGHT_NAMES.map((n) => glaW[n]), ...attW]);
  }
}

await tf.setBackend('wasm');
await tf.ready();
console.log(`GLA bench: wasm, d = ${D}, heads = ${HEADS}, batch ${BATCH}, chunk 64 / sub-chunk 16, forward + backward, median of ${REPS} after a profiled warm-up`);
console.log(`recurrent skipped above L = ${RECURRENT_MAX} (too slow: its depth is L)`);
console.log('| L | chunk ms | recurrent ms | fused ms | softmax ms | recurrent / chunk | chunk / fused | softmax / chunk | peak MiB chunk | peak MiB recurrent | peak MiB fused | peak MiB softmax |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
const t0 = performance.now();
let crossover: number | undefined;
for (let L = 128; L <= MAX_LEN; L *= 2) {
  const c = await measure('chunk', L);
  const r = L <= RECURRENT_MAX ? await measure('recurrent', L) : undefined;
  const u = await measure('fused', L);
  const s = await measure('softmax', L);
  if (crossover === undefined && c.ms < s.ms) crossover = L;
  const f = (v: number | undefined, digits = 0): string => (v === undefined ? '—' : v.toFixed(digits));
  console.log(
    `| ${L} | ${f(c.ms)} | ${f(r?.ms)} | ${f(u.ms)} | ${f(s.ms)} | ${r ? f(r.ms / c.ms, 1) : '—'} | ${f(c.ms / u.ms, 2)} | ${f(s.ms / c.ms, 2)} | ${f(c.peakMiB, 1)} | ${f(r?.peakMiB, 1)} | ${f(u.peakMiB, 1)} | ${f(s.peakMiB, 1)} |`,
  );
}
console.log(crossover === undefined ? 'chunkwise never beat softmax attention in this range' : `crossover: chunkwise first beats softmax attention at L = ${crossover}`);
console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s; tensors alive at the end: ${tf.memory().numTensors}`);
