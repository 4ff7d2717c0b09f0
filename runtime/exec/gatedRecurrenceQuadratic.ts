/**
 * The gated linear recurrence of one short sequence in its quadratic form, for
 * `gatedRecurrence.ts`: with G_t = Σ_{u≤t} g_u, o_t = Σ_{s≤t} (q̃_t·k̃_s) v_s where
 * q̃_t = q_t ⊙ exp(G_t) and k̃_s = k_s ⊙ exp(−G_s). For L·(dk + dv) < 4·dk·dv (the GLA example:
 * L 16, dk 16, dv 32) that is fewer multiply-adds than stepping the dk×dv state. The factors are
 * float64, exact while exp(−G) stays finite: a sequence whose gates sum below −600 on some key
 * channel is left to the recurrence (the functions return false).
 */
import type { RecurrenceDims, RecurrenceGrads, RecurrenceInputs } from './gatedRecurrence.ts';

/** Float64 scratch for one sequence: q̃ and k̃ [L, dk], their gradients, P and dP [L, L]. */
export interface QuadraticScratch {
  readonly qt: Float64Array;
  readonly kt: Float64Array;
  readonly dqt: Float64Array;
  readonly dkt: Float64Array;
  readonly P: Float64Array;
  readonly dP: Float64Array;
  /** One row [dv]. */
  readonly dvRow: Float64Array;
}

/** The lowest cumulative gate that keeps exp(−G) well inside float64. */
const LOWEST_GATE_SUM = -600;

/** Whether the quadratic form takes fewer multiply-adds than the recurrence at these sizes. */
export function quadraticIsCheaper({ L, dk, dv }: RecurrenceDims): boolean {
  return L * (dk + dv) < 4 * dk * dv;
}

/** Scratch for sequences of `dims`. */
export function quadraticScratch({ L, dk, dv }: RecurrenceDims): QuadraticScratch {
  const rows = (): Float64Array => new Float64Array(L * dk);
  return { qt: rows(), kt: rows(), dqt: rows(), dkt: rows(), P: new Float64Array(L * L), dP: new Float64Array(L * L), dvRow: new Float64Array(dv) };
}

/** q̃ and k̃ of sequence `b` into the scratch, or false where a gate sum is below the limit. */
function factors(x: RecurrenceInputs, { L, dk }: RecurrenceDims, b: number, s: QuadraticScratch): boolean {
  const base = b * L * dk;
  for (let i = 0; i < dk; i++) {
    let G = 0;
    for (let t = 0; t < L; t++) {
      G += x.g[base + t * dk + i]!;
      s.qt[t * dk + i] = x.q[base + t * dk + i]! * Math.exp(G);
      s.kt[t * dk + i] = x.k[base + t * dk + i]! * Math.exp(-G);
    }
    if (G < LOWEST_GATE_SUM) return false;
  }
  return true;
}

/** P[t, s] = q̃_t·k̃_s for s ≤ t (the rest is never read). */
function scores({ L, dk }: RecurrenceDims, s: QuadraticScratch): void {
  for (let t = 0; t < L; t++) {
    for (let u = 0; u <= t; u++) {
      let sum = 0;
      for (let i = 0; i < dk; i++) sum += s.qt[t * dk + i]! * s.kt[u * dk + i]!;
      s.P[t * L + u] = sum;
    }
  }
}

/** o of sequence `b` into `o`; false (nothing written) where the recurrence must do it. */
export function quadraticForward(x: RecurrenceInputs, dims: RecurrenceDims, b: number, s: QuadraticScratch, o: Float32Array): boolean {
  if (!factors(x, dims, b, s)) return false;
  scores(dims, s);
  const { L, dv } = dims;
  const vBase = b * L * dv;
  const row = s.dvRow;
  for (let t = 0; t < L; t++) {
    row.fill(0);
    for (let u = 0; u <= t; u++) {
      const p = s.P[t * L + u]!;
      const at = vBase + u * dv;
      for (let j = 0; j < dv; j++) row[j] = row[j]! + p * x.v[at + j]!;
    }
    for (let j = 0; j < dv; j++) o[vBase + t * dv + j] = row[j]!;
  }
  return true;
}

/**
 * The four gradients of sequence `b` for cotangent `dO`; false (nothing written) where the
 * recurrence must do it. dP = dO·vᵀ and dv = Pᵀ·dO (causal), dq̃ = dP·k̃, dk̃ = dPᵀ·q̃;
 * dq = dq̃ ⊙ exp(G), dk = dk̃ ⊙ exp(−G), and dg_u = Σ_{t≥u} (q̃_t ⊙ dq̃_t − k̃_t ⊙ dk̃_t).
 */
export function quadraticBackward(x: RecurrenceInputs, dO: Float32Array, dims: RecurrenceDims, b: number, s: QuadraticScratch, out: RecurrenceGrads): boolean {
  if (!factors(x, dims, b, s)) return false;
  scores(dims, s);
  const { L, dk, dv } = dims;
  const vBase = b * L * dv;
  const kBase = b * L * dk;
  for (let t = 0; t < L; t++) {
    for (let u = 0; u <= t; u++) {
      let sum = 0;
      for (let j = 0; j < dv; j++) sum += dO[vBase + t * dv + j]! * x.v[vBase + u * dv + j]!;
      s.dP[t * L + u] = sum;
    }
  }
  const row = s.dvRow;
  for (let u = 0; u < L; u++) {
    row.fill(0);
    for (let t = u; t < L; t++) {
      const p = s.P[t * L + u]!;
      const at = vBase + t * dv;
      for (let j = 0; j < dv; j++) row[j] = row[j]! + p * dO[at + j]!;
    }
    for (let j = 0; j < dv; j++) out.dv[vBase + u * dv + j] = row[j]!;
  }
  for (let t = 0; t < L; t++) {
    for (let i = 0; i < dk; i++) {
      let dq = 0;
      for (let u = 0; u <= t; u++) dq += s.dP[t * L + u]! * s.kt[u * dk + i]!;
      let dkSum = 0;
      for (let u = t; u < L; u++) dkSum += s.dP[u * L + t]! * s.qt[u * dk + i]!;
      s.dqt[t * dk + i] = dq;
      s.dkt[t * dk + i] = dkSum;
    }
  }
  for (let i = 0; i < dk; i++) {
    let G = 0;
    for (let t = 0; t < L; t++) {
      G += x.g[kBase + t * dk + i]!;
      out.dq[kBase + t * dk + i] = s.dqt[t * dk + i]! * Math.exp(G);
      out.dk[kBase + t * dk + i] = s.dkt[t * dk + i]! * Math.exp(-G);
    }
    let dg = 0;
    for (let t = L - 1; t >= 0; t--) {
      const at = t * dk + i;
      dg += s.qt[at]! * s.dqt[at]! - s.kt[at]! * s.dkt[at]!;
      out.dg[kBase + at] = dg;
    }
  }
  return true;
}
