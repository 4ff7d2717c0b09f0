/**
 * matMul benchmark (a script, not a test): on wasm, the time of a matMul with `transposeA` or
 * `transposeB` against the untransposed matMul of the same work, with the project's kernel
 * (runtime/exec/wasmMatMul.ts) and with the stock tfjs-wasm kernel, measured in one run.
 * Target: every transposed case within 1.3× of the plain one. Run:
 * `npx tsx bench/matmul.bench.ts [--reps N]`.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { tf } from '../runtime/exec/tf.ts';
import { stockWasmBatchMatMul } from '../runtime/exec/wasmMatMul.ts';
import { numberArg } from './args.ts';
import { medianMs, randn } from './tensorKit.ts';

const REPS = numberArg('reps', 30);

/** Median wall time of `f` over REPS runs, in ms (after one warm-up). */
function median(f: () => void): number {
  f();
  return medianMs(f, REPS);
}

/** [m, k, n, batch]: the product [batch, m, k]·[batch, k, n]. */
const SHAPES: readonly [number, number, number, number][] = [
  [1024, 64, 128, 1], // a dense layer's batch × width
  [1024, 128, 64, 1],
  [256, 256, 256, 1],
  [16, 16, 16, 256], // per-head attention scores
];

await tf.setBackend('wasm');
await tf.ready();
const backend = tf.backend() as unknown as BackendWasm;
const stock = stockWasmBatchMatMul();
const rows: string[] = [];
for (const [m, k, n, batch] of SHAPES) {
  const a = randn([batch, m, k], 1);
  const b = randn([batch, k, n], 2);
  const aT = tf.transpose(a, [0, 2, 1]);
  const bT = tf.transpose(b, [0, 2, 1]);
  const plain = median(() => { tf.matMul(a, b).dispose(); });
  const cases: [string, Tensor, Tensor, boolean, boolean][] = [
    ['Aᵀ·B', aT, b, true, false],
    ['A·Bᵀ', a, bT, false, true],
    ['Aᵀ·Bᵀ', aT, bT, true, true],
  ];
  for (const [label, x, y, ta, tb] of cases) {
    const ours = median(() => { tf.matMul(x, y, ta, tb).dispose(); });
    const old = stock
      ? median(() => {
          const out = stock({ inputs: { a: x, b: y }, backend, attrs: { transposeA: ta, transposeB: tb } }) as TensorInfo;
          backend.disposeData(out.dataId);
        })
      : NaN;
    rows.push(`| [${batch}, ${m}, ${k}]·[${batch}, ${k}, ${n}] | ${label} | ${plain.toFixed(2)} | ${ours.toFixed(2)} | ${(ours / plain).toFixed(2)}x | ${old.toFixed(2)} | ${(old / plain).toFixed(2)}x |`);
  }
  tf.dispose([a, b, aT, bT]);
}
console.log(`wasm, median of ${REPS}, ms\n`);
console.log('| shape | product | plain | ours | ours / plain | stock kernel | stock / plain |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\nlive tensors: ${tf.memory().numTensors}`);
