/**
 * Independent float64 reference of the GLA layer (spec §4), written from the math with plain
 * loops over a scalar autodiff tape: the recurrent definition, no tfjs, no code shared with
 * the plugin. Used to emit fixtures and to cross-check the shared ones.
 */
import { Tape, type V } from './tape64.ts';

/** A float64 tensor: shape plus row-major data. */
export interface T64 {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Params the reference reads (spec §2; implementation-only ones are irrelevant here). */
export interface GlaRefParams {
  readonly dModel: number;
  readonly numHeads: number;
  readonly expandK: number;
  readonly expandV: number;
  readonly gateLowRank: number;
  readonly gateTemperature: number;
  readonly normEps: number;
}

/** Reference results: y, the final state and the gradients of Σ y·cot. */
export interface GlaRefResult {
  readonly y: T64;
  readonly state: T64;
  readonly gradX: T64;
  readonly gradW: Record<string, T64>;
}

/** Row-major leaf block for a tensor. */
function leaves(tp: Tape, t: T64): V[] {
  return Array.from(t.data, (v) => tp.leaf(v));
}

/** y[r][j] = Σ_i x[r][i]·W[i][j] for rows of width `inW`. */
function matmul(tp: Tape, x: V[], rows: number, inW: number, W: V[], outW: number): V[] {
  const out: V[] = [];
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < outW; j++) {
      const terms: V[] = [];
      for (let i = 0; i < inW; i++) terms.push(tp.mul(x[r * inW + i]!, W[i * outW + j]!));
      out.push(tp.sum(terms));
    }
  }
  return out;
}

/**
 * Runs the layer on x [B, L, d] with the nine weights, and backpropagates Σ y·cot.
 */
export function glaReference(p: GlaRefParams, weights: Record<string, T64>, x: T64, cot: T64): GlaRefResult {
  const tp = new Tape();
  const [B, L, d] = x.shape as [number, number, number];
  const H = p.numHeads;
  const dK = Math.round(d * p.expandK);
  const dV = Math.round(d * p.expandV);
  const dk = dK / H;
  const dv = dV / H;
  const r = p.gateLowRank;
  const w: Record<string, V[]> = {};
  for (const n of ['W_q', 'W_k', 'W_v', 'W_a1', 'W_a2', 'b_a', 'W_r', 'b_r', 'W_o']) w[n] = leaves(tp, weights[n]!);
  const xs = leaves(tp, x);
  const rows = B * L;
  const q = matmul(tp, xs, rows, d, w.W_q!, dK);
  const k = matmul(tp, xs, rows, d, w.W_k!, dK);
  const v = matmul(tp, xs, rows, d, w.W_v!, dV);
  const low = matmul(tp, xs, rows, d, w.W_a1!, r);
  const zNoBias = matmul(tp, low, rows, r, w.W_a2!, dK);
  const g = zNoBias.map((z, i) => tp.scale(tp.logSigmoid(tp.add(z, w.b_a![i % dK]!)), 1 / p.gateTemperature));
  const a = matmul(tp, xs, rows, d, w.W_r!, dV).map((z, i) => tp.add(z, w.b_r![i % dV]!));
  const gate = a.map((z) => tp.mul(z, tp.sigmoid(z)));
  const zero = tp.leaf(0);
  const scale = 1 / Math.sqrt(dk);
  const normed: V[] = new Array<V>(rows * dV);
  const finalState: V[] = [];
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const S: V[] = new Array<V>(dk * dv).fill(zero);
      for (let t = 0; t < L; t++) {
        const row = b * L + t;
        const kq = (i: number): number => row * dK + h * dk + i;
        const vv = (j: number): number => row * dV + h * dv + j;
        for (let i = 0; i < dk; i++) {
          const alpha = tp.exp(g[kq(i)]!);
          for (let j = 0; j < dv; j++) {
            S[i * dv + j] = tp.add(tp.mul(alpha, S[i * dv + j]!), tp.mul(k[kq(i)]!, v[vv(j)]!));
          }
        }
        const o: V[] = [];
        for (let j = 0; j < dv; j++) {
          const terms: V[] = [];
          for (let i = 0; i < dk; i++) terms.push(tp.mul(tp.scale(q[kq(i)]!, scale), S[i * dv + j]!));
          o.push(tp.sum(terms));
        }
        const mu = tp.scale(tp.sum(o), 1 / dv);
        const c = o.map((e) => tp.sub(e, mu));
        const variance = tp.scale(tp.sum(c.map((e) => tp.mul(e, e))), 1 / dv);
        const inv = tp.div(tp.leaf(1), tp.sqrt(tp.shift(variance, p.normEps)));
        for (let j = 0; j < dv; j++) normed[vv(j)] = tp.mul(c[j]!, inv);
      }
      finalState.push(...S);
    }
  }
  const mixed = normed.map((n, i) => tp.mul(gate[i]!, n));
  const y = matmul(tp, mixed, rows, dV, w.W_o!, d);
  const loss = tp.sum(y.map((e, i) => tp.scale(e, cot.data[i]!)));
  const grad = tp.backward(loss);
  const pick = (ids: V[], shape: readonly number[]): T64 => ({ shape, data: Float64Array.from(ids, (i) => grad[i]!) });
  const gradW: Record<string, T64> = {};
  for (const [n, ids] of Object.entries(w)) gradW[n] = pick(ids, weights[n]!.shape);
  return {
    y: { shape: [B, L, d], data: Float64Array.from(y, (i) => tp.value(i)) },
    state: { shape: [B, H, dk, dv], data: Float64Array.from(finalState, (i) => tp.value(i)) },
    gradX: pick(xs, x.shape),
    gradW,
  };
}
