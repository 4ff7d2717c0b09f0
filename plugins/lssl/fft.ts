/**
 * A differentiable FFT built from matmuls, transposes and elementwise products only.
 * tfjs has `tf.spectral.rfft`, but in 4.22 it has no gradient and the wasm backend has no
 * complex kernels at all, so it cannot serve training on wasm. This is the four-step
 * (Cooley–Tukey n = n1·n2) algorithm: small DFTs as dense matmuls with float64-computed
 * twiddles, recursing until a factor is ≤ {@link DIRECT_DFT_MAX}. Autodiff handles the
 * backward (every op is linear).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';

/** Largest length transformed by one dense DFT matmul. */
export const DIRECT_DFT_MAX = 128;

/** A complex tensor as real and imaginary parts of equal shape; `im` absent means 0. */
export interface Complex {
  readonly re: Tensor;
  readonly im?: Tensor;
}

const dftCache = new Map<string, { re: Float32Array; im: Float32Array }>();

/** cos/sin table of exp(∓2πi·a·b/n) for a < rows, b < cols, computed in float64. */
function twiddles(rows: number, cols: number, n: number, inverse: boolean): { re: Float32Array; im: Float32Array } {
  const key = `${rows}x${cols}/${n}/${inverse ? 'i' : 'f'}`;
  const hit = dftCache.get(key);
  if (hit) return hit;
  const re = new Float32Array(rows * cols);
  const im = new Float32Array(rows * cols);
  const sign = inverse ? 1 : -1;
  for (let a = 0; a < rows; a++) {
    for (let b = 0; b < cols; b++) {
      // Reduce a·b mod n first so the angle stays small and exact.
      const ang = (2 * Math.PI * ((a * b) % n)) / n;
      re[a * cols + b] = Math.cos(ang);
      im[a * cols + b] = sign * Math.sin(ang);
    }
  }
  const t = { re, im };
  dftCache.set(key, t);
  return t;
}

/** (a + ib)·(c + id) with constant c, d; `b` may be absent. */
function mulConst(x: Complex, c: Tensor, d: Tensor): Complex {
  if (!x.im) return { re: tf.mul(x.re, c), im: tf.mul(x.re, d) };
  return { re: tf.sub(tf.mul(x.re, c), tf.mul(x.im, d)), im: tf.add(tf.mul(x.re, d), tf.mul(x.im, c)) };
}

/** x [..., n] · F [n, n] for a complex x and a constant complex F. */
function matMulConst(x: Complex, Fre: Tensor, Fim: Tensor): Complex {
  const shape = x.re.shape;
  const n = shape[shape.length - 1]!;
  const flat = (t: Tensor): Tensor => tf.reshape(t, [-1, n]);
  const back = (t: Tensor): Tensor => tf.reshape(t, shape);
  const re = flat(x.re);
  if (!x.im) return { re: back(tf.matMul(re, Fre)), im: back(tf.matMul(re, Fim)) };
  const im = flat(x.im);
  return {
    re: back(tf.sub(tf.matMul(re, Fre), tf.matMul(im, Fim))),
    im: back(tf.add(tf.matMul(re, Fim), tf.matMul(im, Fre))),
  };
}

function swapLast(t: Tensor): Tensor {
  const r = t.rank;
  const perm = [...Array(r).keys()];
  perm[r - 1] = r - 2;
  perm[r - 2] = r - 1;
  return tf.transpose(t, perm);
}

function mapC(x: Complex, f: (t: Tensor) => Tensor): Complex {
  return x.im ? { re: f(x.re), im: f(x.im) } : { re: f(x.re) };
}

/** Unnormalised DFT along the last axis (length a power of two, or ≤ DIRECT_DFT_MAX). */
function dft(x: Complex, inverse: boolean): Complex {
  const shape = x.re.shape;
  const n = shape[shape.length - 1]!;
  if (n === 1) return x;
  if (n <= DIRECT_DFT_MAX) {
    const t = twiddles(n, n, n, inverse);
    return matMulConst(x, tf.tensor2d(t.re, [n, n]), tf.tensor2d(t.im, [n, n]));
  }
  const log = Math.log2(n);
  if (!Number.isInteger(log)) throw new Error(`fft: length ${n} must be a power of two above ${DIRECT_DFT_MAX}`);
  const n1 = 2 ** Math.ceil(log / 2);
  const n2 = n / n1;
  const lead = shape.slice(0, -1);
  // j = n2·j1 + j2: DFT over j1 (length n1) for every j2.
  const a = mapC(x, (t) => swapLast(tf.reshape(t, [...lead, n1, n2]))); // [..., j2, j1]
  const b = dft(a, inverse); // [..., j2, k1]
  const tw = twiddles(n2, n1, n, inverse);
  const c = mulConst(b, tf.tensor2d(tw.re, [n2, n1]), tf.tensor2d(tw.im, [n2, n1]));
  const d = dft(mapC(c, swapLast), inverse); // [..., k1, k2]
  // k = k1 + n1·k2: natural order is [k2, k1].
  return mapC(d, (t) => tf.reshape(swapLast(t), shape));
}

/** Both parts present (a real input of length 1 passes through the DFT untouched). */
function full(x: Complex): Required<Complex> {
  return { re: x.re, im: x.im ?? tf.zerosLike(x.re) };
}

/** Forward DFT along the last axis (unnormalised). */
export function fft(x: Complex): Required<Complex> {
  return full(dft(x, false));
}

/** Inverse DFT along the last axis, divided by n. */
export function ifft(x: Complex): Required<Complex> {
  const n = x.re.shape[x.re.rank - 1]!;
  return full(mapC(dft(x, true), (t) => tf.div(t, n)));
}

/** Smallest power of two ≥ n (1 for n ≤ 1). */
export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
