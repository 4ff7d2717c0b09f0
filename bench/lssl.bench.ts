/**
 * LSSL benchmark (a script, not a test): forward + backward time and peak tensor memory of
 * the convolution form (direct Toeplitz and matmul FFT, kernel by doubling) and of the
 * recurrence, for L = 256 … 8192 on wasm, measured in one run.
 * Run: `npx tsx bench/lssl.bench.ts` (or `npx netwright bench lssl`).
 * Options: `--max-len N`, `--recurrent-max N`, `--direct-max N`, `--reps N`.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../runtime/exec/tf.ts';
import { LSSL_WEIGHT_NAMES, lsslForward, type LsslWeights } from '../plugins/lssl/layer.ts';
import { lsslTestParams, lsslTestWeights } from '../plugins/lssl/lssl.testkit.ts';
import { lengthSweepArgs, numberArg } from './args.ts';
import { forwardBackwardNamed, profileAndTime, randn } from './tensorKit.ts';

// The recurrence keeps one [H·S, B, N] state per step for its backward (1 GiB peak at 8192 here).
const { maxLen: MAX_LEN, recurrentMax: RECURRENT_MAX, reps: REPS } = lengthSweepArgs(8192, 8192);
const DIRECT_MAX = numberArg('direct-max', 1024);
const H = 16;
const N = 64;
const BATCH = 2;

type Form = 'direct' | 'fft' | 'recurrent';

const params = lsslTestParams({ dModel: H, stateSize: N });

function step(form: Form, x: Tensor, w: LsslWeights, cot: Tensor): void {
  const p = form === 'recurrent' ? { ...params, mode: 'recurrent' as const } : { ...params, mode: 'conv' as const, convImpl: form };
  // Gradients for x and the trainable weights (A, B fixed, as by default).
  forwardBackwardNamed((x0, ws) => lsslForward(x0, ws, p).y, x, w, LSSL_WEIGHT_NAMES, cot);
}

async function measure(form: Form, L: number): Promise<{ ms: number; peakMiB: number }> {
  const x = randn([BATCH, L, H], L);
  const cot = randn([BATCH, L, H], L + 1);
  const w = lsslTestWeights(params, 3);
  try {
    return await profileAndTime(() => { step(form, x, w, cot); }, REPS);
  } finally {
    tf.dispose([x, cot, ...LSSL_WEIGHT_NAMES.map((n) => w[n])]);
  }
}

await tf.setBackend('wasm');
await tf.ready();
console.log(`LSSL bench: wasm, H = ${H}, N = ${N}, S = M = 1, batch ${BATCH}, forward + backward (x, log_dt, C, D, W_out, b_out), median of ${REPS} after a profiled warm-up`);
console.log(`direct conv skipped above L = ${DIRECT_MAX} (its Toeplitz matrices are H·L² floats); recurrence skipped above L = ${RECURRENT_MAX} (its backward keeps every step's state)`);
console.log('| L | fft ms | direct ms | recurrent ms | recurrent / fft | recurrent / direct | peak MiB fft | peak MiB direct | peak MiB recurrent |');
console.log('|---|---|---|---|---|---|---|---|---|');
const t0 = performance.now();
for (let L = 256; L <= MAX_LEN; L *= 2) {
  const f = await measure('fft', L);
  const d = L <= DIRECT_MAX ? await measure('direct', L) : undefined;
  const r = L <= RECURRENT_MAX ? await measure('recurrent', L) : undefined;
  const n = (v: number | undefined, digits = 0): string => (v === undefined ? '—' : v.toFixed(digits));
  console.log(
    `| ${L} | ${n(f.ms)} | ${n(d?.ms)} | ${n(r?.ms)} | ${r ? n(r.ms / f.ms, 1) : '—'} | ${r && d ? n(r.ms / d.ms, 1) : '—'} | ${n(f.peakMiB, 1)} | ${n(d?.peakMiB, 1)} | ${n(r?.peakMiB, 1)} |`,
  );
}
console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s; tensors alive at the end: ${tf.memory().numTensors}`);
