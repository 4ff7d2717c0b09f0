/**
 * The gated linear recurrence as plain loops over flat arrays, forward and its exact gradient:
 *
 *   S_t = diag(exp g_t)·S_{t−1} + k_tᵀ·v_t,   S_0 = 0,   o_t = q_t·S_t
 *
 * per batch entry (q, k, g [n, L, dk]; v, o [n, L, dv]; row-major). The state is kept in
 * float64 (JavaScript numbers), so the sums are closer to the float64 reference than tfjs's
 * float32 kernels. No tfjs here: `wasmGatedRecurrence.ts` runs these loops on the wasm backend's
 * memory as one kernel each (docs/adr/0010).
 */

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
  for (let b = 0; b < n; b++) {
    S.fill(0);
    for (let t = 0; t < L; t++) {
      const kt = (b * L + t) * dk;
      const vt = (b * L + t) * dv;
      acc.fill(0);
      for (let i = 0; i < dk; i++) {
        const a = Math.exp(x.g[kt + i]!);
        const ki = x.k[kt + i]!;
        const qi = x.q[kt + i]!;
        const row = i * dv;
        for (let j = 0; j < dv; j++) {
          const s = a * S[row + j]! + ki * x.v[vt + j]!;
          S[row + j] = s;
          acc[j] = acc[j]! + qi * s;
        }
      }
      for (let j = 0; j < dv; j++) o[vt + j] = acc[j]!;
    }
  }
}

/** One step of the state: S ← diag(exp g_t)·S + k_tᵀ·v_t, from `from` into `to` (may be the same). */
function advance(x: RecurrenceInputs, dims: RecurrenceDims, b: number, t: number, from: Float64Array, fromAt: number, to: Float64Array, toAt: number): void {
  const { L, dk, dv } = dims;
  const kt = (b * L + t) * dk;
  const vt = (b * L + t) * dv;
  for (let i = 0; i < dk; i++) {
    const a = Math.exp(x.g[kt + i]!);
    const ki = x.k[kt + i]!;
    const row = i * dv;
    for (let j = 0; j < dv; j++) to[toAt + row + j] = a * from[fromAt + row + j]! + ki * x.v[vt + j]!;
  }
}

/**
 * Sequences with L·dk·dv at most this keep every state in the backward (8 MiB of float64);
 * longer ones keep one per block of √L steps. The last argument of {@link recurrenceBackward}.
 */
export const KEEP_ALL_STATES = 1 << 20;

/**
 * The gradients of Σ o·dO for every input, for cotangent `dO` [n, L, dv]. States are not
 * kept for the whole sequence: a forward sweep gives dq_t = dO_t·S_tᵀ and stores the state
 * before every block of √L steps (one block when L·dk·dv ≤ `keepAllUpTo`) and the last block's states;
 * the backward sweep recomputes each earlier block's states from its stored one, so memory is
 * O(√L·dk·dv) and the work about three forward passes. With dS the gradient reaching S_t:
 * dk_t = dS·v_tᵀ, dv_t = k_t·dS, dg_t = exp(g_t) ⊙ rowsum(dS ⊙ S_{t−1}), and
 * dS_{t−1} = diag(exp g_t)·dS, after adding q_tᵀ·dO_t at each step.
 */
export function recurrenceBackward(x: RecurrenceInputs, dO: Float32Array, dims: RecurrenceDims, out: RecurrenceGrads, keepAllUpTo = KEEP_ALL_STATES): void {
  const { n, L, dk, dv } = dims;
  const size = dk * dv;
  const block = L * size <= keepAllUpTo ? L : Math.max(1, Math.ceil(Math.sqrt(L)));
  const blocks = Math.ceil(L / block);
  const lastStart = (blocks - 1) * block;
  const checkpoints = new Float64Array(blocks * size); // S before each block's first step
  const states = new Float64Array((block + 1) * size); // one block's states, S before it first
  const dS = new Float64Array(size);
  const dvSum = new Float64Array(dv);
  for (let b = 0; b < n; b++) {
    forwardSweep(x, dO, dims, b, { block, checkpoints, states, lastStart }, out.dq);
    dS.fill(0);
    for (let blk = blocks - 1; blk >= 0; blk--) {
      const start = blk * block;
      const end = Math.min(L, start + block);
      if (blk !== blocks - 1) {
        states.set(checkpoints.subarray(blk * size, (blk + 1) * size), 0);
        for (let t = start; t < end - 1; t++) advance(x, dims, b, t, states, (t - start) * size, states, (t - start + 1) * size);
      }
      for (let t = end - 1; t >= start; t--) backwardStep(x, dO, dims, b * L + t, states, (t - start) * size, { dS, dvSum }, out);
    }
  }
}

interface SweepBuffers {
  readonly block: number;
  readonly checkpoints: Float64Array;
  readonly states: Float64Array;
  readonly lastStart: number;
}

/** Sequence `b` forward: dq, the block checkpoints and the last block's states (S_{t−1} first). */
function forwardSweep(x: RecurrenceInputs, dO: Float32Array, dims: RecurrenceDims, b: number, buf: SweepBuffers, dq: Float32Array): void {
  const { L, dk, dv } = dims;
  const size = dk * dv;
  const { block, checkpoints, states, lastStart } = buf;
  states.fill(0, 0, size);
  let at = 0; // where S_{t−1} is: the checkpoint slot before the last block, then its own slot
  for (let t = 0; t < L; t++) {
    if (t % block === 0 && t < lastStart) checkpoints.set(states.subarray(at, at + size), (t / block) * size);
    const to = t < lastStart ? 0 : (t - lastStart + 1) * size;
    advance(x, dims, b, t, states, at, states, to);
    at = to;
    const kt = (b * L + t) * dk;
    const vt = (b * L + t) * dv;
    for (let i = 0; i < dk; i++) {
      let sum = 0;
      const row = to + i * dv;
      for (let j = 0; j < dv; j++) sum += dO[vt + j]! * states[row + j]!;
      dq[kt + i] = sum;
    }
  }
}

/**
 * Step `bt` (= b·L + t) backward, with S_{t−1} at `prev` in `states`; `acc.dS` (the gradient
 * reaching S_t) becomes dS_{t−1}; `acc.dvSum` is scratch for dv_t.
 */
function backwardStep(
  x: RecurrenceInputs,
  dO: Float32Array,
  dims: RecurrenceDims,
  bt: number,
  states: Float64Array,
  prev: number,
  acc: { readonly dS: Float64Array; readonly dvSum: Float64Array },
  out: RecurrenceGrads,
): void {
  const { dk, dv } = dims;
  const { q, k, v, g } = x;
  const { dS, dvSum } = acc;
  const kt = bt * dk;
  const vt = bt * dv;
  dvSum.fill(0);
  for (let i = 0; i < dk; i++) {
    const a = Math.exp(g[kt + i]!);
    const qi = q[kt + i]!;
    const ki = k[kt + i]!;
    const row = i * dv;
    let dkSum = 0;
    let dgSum = 0;
    for (let j = 0; j < dv; j++) {
      const d = dS[row + j]! + qi * dO[vt + j]!;
      dkSum += d * v[vt + j]!;
      dvSum[j] = dvSum[j]! + ki * d;
      dgSum += d * states[prev + row + j]!;
      dS[row + j] = a * d;
    }
    out.dk[kt + i] = dkSum;
    out.dg[kt + i] = a * dgSum;
  }
  for (let j = 0; j < dv; j++) out.dv[vt + j] = dvSum[j]!;
}
