/**
 * Independent float64 reference of the LSSL layer (spec §4–§6), written from the math with
 * plain loops over the scalar autodiff tape of ../../gla/reference/tape64.ts: GBT by
 * Gaussian elimination with partial pivoting, then the recurrence (the definition). No tfjs,
 * no code shared with the plugin (not even the HiPPO matrices).
 */
import { Tape, type V } from '../../gla/reference/tape64.ts';
import type { T64 } from '../../gla/reference/gla64.ts';

/** Params the reference reads (spec §2). */
export interface LsslRefParams {
  readonly dModel: number;
  readonly dOut: number;
  readonly stateSize: number;
  readonly channels: number;
  readonly timescales: number;
  readonly measure: 'legs' | 'legt';
  readonly gbtAlpha: number;
  readonly learnA: boolean;
  readonly activation: 'gelu' | 'none';
}

/** Reference results: y and the gradients of Σ y·cot for x and every weight. */
export interface LsslRefResult {
  readonly y: T64;
  readonly gradX: T64;
  readonly gradW: Record<string, T64>;
}

/** HiPPO (A, B) in float64, written out again from spec §4. */
export function hippo64(measure: 'legs' | 'legt', N: number): { A: Float64Array; B: Float64Array } {
  const A = new Float64Array(N * N);
  const B = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    B[n] = (measure === 'legs' ? 1 : 0.5) * Math.sqrt(2 * n + 1);
    for (let k = 0; k < N; k++) {
      const s = Math.sqrt((2 * n + 1) * (2 * k + 1));
      if (measure === 'legs') A[n * N + k] = n > k ? -s : n === k ? -(n + 1) : 0;
      else A[n * N + k] = -0.5 * s * (n >= k ? 1 : Math.pow(-1, n - k));
    }
  }
  return { A, B };
}

/** Solves M X = R (M n×n, R n×w, row-major tape nodes) by elimination with partial pivoting. */
function solve(tp: Tape, M: V[], R: V[], n: number, w: number): V[] {
  const a = M.slice();
  const b = R.slice();
  const swap = (arr: V[], i: number, j: number, width: number): void => {
    for (let c = 0; c < width; c++) {
      const t = arr[i * width + c]!;
      arr[i * width + c] = arr[j * width + c]!;
      arr[j * width + c] = t;
    }
  };
  for (let col = 0; col < n; col++) {
    let best = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(tp.value(a[r * n + col]!)) > Math.abs(tp.value(a[best * n + col]!))) best = r;
    if (best !== col) {
      swap(a, col, best, n);
      swap(b, col, best, w);
    }
    for (let r = col + 1; r < n; r++) {
      const f = tp.div(a[r * n + col]!, a[col * n + col]!);
      for (let c = col; c < n; c++) a[r * n + c] = tp.sub(a[r * n + c]!, tp.mul(f, a[col * n + c]!));
      for (let c = 0; c < w; c++) b[r * w + c] = tp.sub(b[r * w + c]!, tp.mul(f, b[col * w + c]!));
    }
  }
  const X: V[] = new Array<V>(n * w);
  for (let r = n - 1; r >= 0; r--) {
    for (let c = 0; c < w; c++) {
      const terms: V[] = [b[r * w + c]!];
      for (let k = r + 1; k < n; k++) terms.push(tp.scale(tp.mul(a[r * n + k]!, X[k * w + c]!), -1));
      X[r * w + c] = tp.div(tp.sum(terms), a[r * n + r]!);
    }
  }
  return X;
}

/** Runs the layer on u [B, L, H] with the seven weights and backpropagates Σ y·cot. */
export function lsslReference(p: LsslRefParams, weights: Record<string, T64>, u: T64, cot: T64): LsslRefResult {
  const tp = new Tape();
  const [Bsz, L, H] = u.shape as [number, number, number];
  const { stateSize: N, channels: M, timescales: S, gbtAlpha: alpha } = p;
  const out = p.dOut === 0 ? H : p.dOut;
  const w: Record<string, V[]> = {};
  for (const n of ['A', 'B', 'log_dt', 'C', 'D', 'W_out', 'b_out']) w[n] = Array.from(weights[n]!.data, (x) => tp.leaf(x));
  const us = Array.from(u.data, (x) => tp.leaf(x));
  const pattern = hippo64(p.measure, N).A;
  // Masking to the HiPPO pattern makes the gradient of a learned A the masked dense gradient.
  const A = w.A!.map((a, i) => (pattern[i] !== 0 ? a : tp.scale(a, 0)));
  const feats: V[] = new Array<V>(Bsz * L * H * S * M);
  for (let h = 0; h < H; h++) {
    for (let s = 0; s < S; s++) {
      const dt = tp.exp(w.log_dt![h * S + s]!);
      const Mm: V[] = [];
      const R: V[] = []; // [N, N + 1]
      for (let i = 0; i < N; i++) {
        for (let k = 0; k < N; k++) {
          const dA = tp.mul(dt, A[i * N + k]!);
          Mm.push(tp.shift(tp.scale(dA, -alpha), i === k ? 1 : 0));
          R.push(tp.shift(tp.scale(dA, 1 - alpha), i === k ? 1 : 0));
        }
        R.push(tp.mul(dt, w.B![i]!));
      }
      const X = solve(tp, Mm, R, N, N + 1);
      const Abar = (i: number, k: number): V => X[i * (N + 1) + k]!;
      const Bbar = (i: number): V => X[i * (N + 1) + N]!;
      for (let b = 0; b < Bsz; b++) {
        let x: V[] = new Array<V>(N).fill(tp.leaf(0));
        for (let t = 0; t < L; t++) {
          const ut = us[(b * L + t) * H + h]!;
          x = Array.from({ length: N }, (_, i) =>
            tp.add(tp.dot(Array.from({ length: N }, (_, k) => Abar(i, k)), x), tp.mul(Bbar(i), ut)),
          );
          for (let m = 0; m < M; m++) {
            const base = ((h * S + s) * M + m) * N;
            const cx = tp.dot(w.C!.slice(base, base + N), x);
            const y = tp.add(cx, tp.mul(w.D![(h * S + s) * M + m]!, ut));
            feats[(((b * L + t) * H + h) * S + s) * M + m] = y;
          }
        }
      }
    }
  }
  const act = p.activation === 'gelu' ? feats.map((v) => tp.mul(tp.scale(v, 0.5), tp.shift(tp.erf(tp.scale(v, Math.SQRT1_2)), 1))) : feats;
  const width = H * S * M;
  const ys: V[] = [];
  for (let r = 0; r < Bsz * L; r++) {
    for (let o = 0; o < out; o++) {
      const terms: V[] = [w.b_out![o]!];
      for (let i = 0; i < width; i++) terms.push(tp.mul(act[r * width + i]!, w.W_out![i * out + o]!));
      ys.push(tp.sum(terms));
    }
  }
  const loss = tp.sum(ys.map((e, i) => tp.scale(e, cot.data[i]!)));
  const grad = tp.backward(loss);
  const pick = (ids: V[], shape: readonly number[]): T64 => ({ shape, data: Float64Array.from(ids, (i) => grad[i]!) });
  const gradW: Record<string, T64> = {};
  for (const [n, ids] of Object.entries(w)) gradW[n] = pick(ids, weights[n]!.shape);
  return { y: { shape: [Bsz, L, out], data: Float64Array.from(ys, (i) => tp.value(i)) }, gradX: pick(us, u.shape), gradW };
}
