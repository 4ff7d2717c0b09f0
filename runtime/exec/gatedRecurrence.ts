/**
 * The gated linear recurrence as plain loops over flat arrays, forward and its exact gradient:
 *
 *   S_t = diag(exp g_t)·S_{t−1} + k_tᵀ·v_t,   S_0 = 0,   o_t = q_t·S_t
 *
 * per batch entry (q, k, g [n, L, dk]; v, o [n, L, dv]; row-major). The state is kept in
 * float64 (JavaScript numbers), so the sums are closer to the float64 reference than tfjs's
 * float32 kernels. No tfjs here: `wasmGatedRecurrence.ts` runs these loops on the wasm backend's
 * memory as one kernel each (docs/adr/0010). Short sequences, where it takes fewer
 * multiply-adds, go through the quadratic form (`gatedRecurrenceQuadratic.ts`).
 */
import { quadraticBackward, quadraticForward, quadraticIsCheaper, quadraticScratch } from './gatedRecurrenceQuadratic.ts';

/** The sizes of one call: `n` independent sequences of length `L`, key width `dk`, value width `dv`. */
export interface RecurrenceDims {
  readonly n: number;
  readonly L: number;
  readonly dk: number;
  readonly dv: number;
}

/** The inputs of the recurrence, flat and row-major (`g` is the log of the decay, ≤ 0). */
export interface RecurrenceInputs {
  readonly q: Float32Array;
  readonly k: Float32Array;
  readonly v: Float32Array;
  readonly g: Float32Array;
}

/** The gradients of the four inputs, filled by {@link recurrenceBackward}. */
export interface RecurrenceGrads {
  readonly dq: Float32Array;
  readonly dk: Float32Array;
  readonly dv: Float32Array;
  readonly dg: Float32Array;
}

/** o = the recurrence's outputs, written into `o` [n, L, dv]. */
export function recurrenceForward(x: RecurrenceInputs, dims: RecurrenceDims, o: Float32Array): void {
  const { n, L, dk, dv } = dims;
  const S = new Float64Array(dk * dv);
  const acc = new Float64Array(dv);
  const vt = new Float64Array(dv);
  const quadratic = quadraticIsCheaper(dims) ? quadraticScratch(dims) : undefined;
  for (let b = 0; b < n; b++) {
    if (quadratic && quadraticForward(x, dims, b, quadratic, o)) continue;
    S.fill(0);
    for (let t = 0; t < L; t++) {
      const kAt = (b * L + t) * dk;
      const vAt = (b * L + t) * dv;
      copyRow(x.v, vAt, vt);
      acc.fill(0);
      for (let i = 0; i < dk; i++) {
        const a = Math.exp(x.g[kAt + i]!);
        const ki = x.k[kAt + i]!;
        const qi = x.q[kAt + i]!;
        const row = i * dv;
        // Unrolled by four (1.4× faster in V8 than one element a turn); the rest one by one.
        let j = 0;
        for (; j + 3 < dv; j += 4) {
          const s0 = a * S[row + j]! + ki * vt[j]!;
          const s1 = a * S[row + j + 1]! + ki * vt[j + 1]!;
          const s2 = a * S[row + j + 2]! + ki * vt[j + 2]!;
          const s3 = a * S[row + j + 3]! + ki * vt[j + 3]!;
          S[row + j] = s0;
          S[row + j + 1] = s1;
          S[row + j + 2] = s2;
          S[row + j + 3] = s3;
          acc[j] = acc[j]! + qi * s0;
          acc[j + 1] = acc[j + 1]! + qi * s1;
          acc[j + 2] = acc[j + 2]! + qi * s2;
          acc[j + 3] = acc[j + 3]! + qi * s3;
        }
        for (; j < dv; j++) {
          const s = a * S[row + j]! + ki * vt[j]!;
          S[row + j] = s;
          acc[j] = acc[j]! + qi * s;
        }
      }
      for (let j = 0; j < dv; j++) o[vAt + j] = acc[j]!;
    }
  }
}

/** `dst.length` elements of `src` from `at`, as float64. */
function copyRow(src: Float32Array, at: number, dst: Float64Array): void {
  for (let j = 0; j < dst.length; j++) dst[j] = src[at + j]!;
}

/** One step of the state: S ← diag(exp g_t)·S + k_tᵀ·v_t, from `from` into `to` (may be the same). */
function advance(x: RecurrenceInputs, dims: RecurrenceDims, b: number, t: number, from: Float64Array, fromAt: number, to: Float64Array, toAt: number): void {
  const { L, dk, dv } = dims;
  const kAt = (b * L + t) * dk;
  const vAt = (b * L + t) * dv;
  const v = x.v;
  for (let i = 0; i < dk; i++) {
    const a = Math.exp(x.g[kAt + i]!);
    const ki = x.k[kAt + i]!;
    const f = fromAt + i * dv;
    const d = toAt + i * dv;
    let j = 0;
    for (; j + 3 < dv; j += 4) {
      to[d + j] = a * from[f + j]! + ki * v[vAt + j]!;
      to[d + j + 1] = a * from[f + j + 1]! + ki * v[vAt + j + 1]!;
      to[d + j + 2] = a * from[f + j + 2]! + ki * v[vAt + j + 2]!;
      to[d + j + 3] = a * from[f + j + 3]! + ki * v[vAt + j + 3]!;
    }
    for (; j < dv; j++) to[d + j] = a * from[f + j]! + ki * v[vAt + j]!;
  }
}

/** Σ_j a[aAt + j]·b[bAt + j] over `len` elements (four partial sums). */
function dot(a: Float64Array, aAt: number, b: Float64Array, bAt: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < len; j += 4) {
    s0 += a[aAt + j]! * b[bAt + j]!;
    s1 += a[aAt + j + 1]! * b[bAt + j + 1]!;
    s2 += a[aAt + j + 2]! * b[bAt + j + 2]!;
    s3 += a[aAt + j + 3]! * b[bAt + j + 3]!;
  }
  for (; j < len; j++) s0 += a[aAt + j]! * b[bAt + j]!;
  return s0 + s1 + s2 + s3;
}

/**
 * Sequences with L·dk·dv at most this keep every state in the backward (8 MiB of float64);
 * longer ones keep one per block of √L steps. The last argument of {@link recurrenceBackward}.
 */
export const KEEP_ALL_STATES = 1 << 20;

/**
 * The gradients of Σ o·dO for every input, for cotangent `dO` [n, L, dv]. States are not
 * kept for the whole sequence: a forward sweep gives dq_t = dO_t·S_tᵀ and stores the state
 * before every block of √L steps (one block when L·dk·dv ≤ `keepAllUpTo`) and the last block's
 * states; the backward sweep recomputes each earlier block's states from its stored one, so memory
 * is O(√L·dk·dv) for long sequences and the work about three forward passes. With dS the gradient reaching S_t:
 * dk_t = dS·v_tᵀ, dv_t = k_t·dS, dg_t = exp(g_t) ⊙ rowsum(dS ⊙ S_{t−1}), and
 * dS_{t−1} = diag(exp g_t)·dS, after adding q_tᵀ·dO_t at each step.
 */
export function recurrenceBackward(x: RecurrenceInputs, dO: Float32Array, dims: RecurrenceDims, out: RecurrenceGrads, keepAllUpTo = KEEP_ALL_STATES): void {
  const { n, L, dk, dv } = dims;
  const size = dk * dv;
  const block = Math.max(1, L * size <= keepAllUpTo ? L : Math.ceil(Math.sqrt(L)));
  const blocks = Math.ceil(L / block);
  const lastStart = (blocks - 1) * block;
  const checkpoints = new Float64Array(blocks * size); // S before each block's first step
  const states = new Float64Array((block + 1) * size); // one block's states, S before it first
  const dS = new Float64Array(size);
  const acc = { dS, dvSum: new Float64Array(dv), dOt: new Float64Array(dv), vt: new Float64Array(dv) };
  const sweep = { block, checkpoints, states, lastStart, dOt: acc.dOt };
  const quadratic = quadraticIsCheaper(dims) ? quadraticScratch(dims) : undefined;
  for (let b = 0; b < n; b++) {
    if (quadratic && quadraticBackward(x, dO, dims, b, quadratic, out)) continue;
    forwardSweep(x, dO, dims, b, sweep, out.dq);
    dS.fill(0);
    for (let blk = blocks - 1; blk >= 0; blk--) {
      const start = blk * block;
      const end = Math.min(L, start + block);
      if (blk !== blocks - 1) {
        states.set(checkpoints.subarray(blk * size, (blk + 1) * size), 0);
        for (let t = start; t < end - 1; t++) advance(x, dims, b, t, states, (t - start) * size, states, (t - start + 1) * size);
      }
      for (let t = end - 1; t >= start; t--) backwardStep(x, dO, dims, b * L + t, states, (t - start) * size, acc, out);
    }
  }
}

interface SweepBuffers {
  readonly block: number;
  readonly checkpoints: Float64Array;
  readonly states: Float64Array;
  readonly lastStart: number;
  /** Scratch [dv] for one row of dO. */
  readonly dOt: Float64Array;
}

/** Sequence `b` forward: dq, the block checkpoints and the last block's states (S_{t−1} first). */
function forwardSweep(x: RecurrenceInputs, dO: Float32Array, dims: RecurrenceDims, b: number, buf: SweepBuffers, dq: Float32Array): void {
  const { L, dk, dv } = dims;
  const size = dk * dv;
  const { block, checkpoints, states, lastStart, dOt } = buf;
  states.fill(0, 0, size);
  let at = 0; // where S_{t−1} is: the checkpoint slot before the last block, then its own slot
  for (let t = 0; t < L; t++) {
    if (t % block === 0 && t < lastStart) checkpoints.set(states.subarray(at, at + size), (t / block) * size);
    const to = t < lastStart ? 0 : (t - lastStart + 1) * size;
    advance(x, dims, b, t, states, at, states, to);
    at = to;
    const kAt = (b * L + t) * dk;
    copyRow(dO, (b * L + t) * dv, dOt);
    for (let i = 0; i < dk; i++) dq[kAt + i] = dot(dOt, 0, states, to + i * dv, dv);
  }
}

/** Scratch rows [dv] of {@link backwardStep}: dv_t's sums, dO_t and v_t as float64. */
interface StepRows {
  readonly dvSum: Float64Array;
  readonly dOt: Float64Array;
  readonly vt: Float64Array;
}

/**
 * Step `bt` (= b·L + t) backward, with S_{t−1} at `prev` in `states`; `acc.dS` (the gradient
 * reaching S_t) becomes dS_{t−1}.
 */
function backwardStep(
  x: RecurrenceInputs,
  dO: Float32Array,
  dims: RecurrenceDims,
  bt: number,
  states: Float64Array,
  prev: number,
  acc: StepRows & { readonly dS: Float64Array },
  out: RecurrenceGrads,
): void {
  const { dk, dv } = dims;
  const { dS, dvSum, dOt, vt } = acc;
  const kAt = bt * dk;
  copyRow(dO, bt * dv, dOt);
  copyRow(x.v, bt * dv, vt);
  dvSum.fill(0);
  for (let i = 0, row = 0; i < dk; i++, row += dv) {
    const a = Math.exp(x.g[kAt + i]!),
      qi = x.q[kAt + i]!,
      ki = x.k[kAt + i]!;
    const p = prev + row;
    // d = dS_t[i, j]; dS_{t−1}[i, j] = a·d. Unrolled by four.
    let dkSum = 0;
    let dgSum = 0;
    let j = 0;
    for (; j + 3 < dv; j += 4) {
      const d0 = dS[row + j]! + qi * dOt[j]!;
      const d1 = dS[row + j + 1]! + qi * dOt[j + 1]!;
      const d2 = dS[row + j + 2]! + qi * dOt[j + 2]!;
      const d3 = dS[row + j + 3]! + qi * dOt[j + 3]!;
      dkSum += d0 * vt[j]! + d1 * vt[j + 1]! + d2 * vt[j + 2]! + d3 * vt[j + 3]!;
      dgSum += d0 * states[p + j]! + d1 * states[p + j + 1]! + d2 * states[p + j + 2]! + d3 * states[p + j + 3]!;
      dvSum[j] = dvSum[j]! + ki * d0;
      dvSum[j + 1] = dvSum[j + 1]! + ki * d1;
      dvSum[j + 2] = dvSum[j + 2]! + ki * d2;
      dvSum[j + 3] = dvSum[j + 3]! + ki * d3;
      dS[row + j] = a * d0;
      dS[row + j + 1] = a * d1;
      dS[row + j + 2] = a * d2;
      dS[row + j + 3] = a * d3;
    }
    for (; j < dv; j++) {
      const d = dS[row + j]! + qi * dOt[j]!;
      dkSum += d * vt[j]!;
      dgSum += d * states[p + j]!;
      dvSum[j] = dvSum[j]! + ki * d;
      dS[row + j] = a * d;
    }
    out.dk[kAt + i] = dkSum;
    out.dg[kAt + i] = a * dgSum;
  }
  for (let j = 0; j < dv; j++) out.dv[bt * dv + j] = dvSum[j]!;
}
