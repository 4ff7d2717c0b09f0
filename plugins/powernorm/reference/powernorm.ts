/**
 * Independent float64 reference of PowerNorm (spec §4–§5) in plain loops: group scaling,
 * the training forward with its state update, the approximate backward, and the eval
 * forward. No tfjs.
 */

/** PowerNorm params (spec §2). */
export interface PnParams {
  readonly eps: number;
  readonly alphaFwd: number;
  readonly alphaBkw: number;
  readonly warmupIters: number;
  readonly affine: boolean;
  readonly groupScalingGroups: number;
  readonly groupScalingEps: number;
  readonly backwardScale: 'batch' | 'running';
}

/** Node state (spec §3). */
export interface PnState {
  readonly runningPhi: number[];
  readonly emaGz: number[];
  readonly iters: number;
}

/** Group scaling of x [M, C]: x̃ and the per-(position, group) s. */
function groupScaling(p: PnParams, x: readonly number[], c: number): { xt: number[]; s: number[] } {
  const g = p.groupScalingGroups;
  if (g === 0) return { xt: [...x], s: [] };
  const cg = c / g;
  const m = x.length / c;
  const s: number[] = [];
  const xt = new Array<number>(x.length);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < g; k++) {
      let sum = 0;
      for (let j = 0; j < cg; j++) sum += x[i * c + k * cg + j]! ** 2;
      const sk = sum / cg + p.groupScalingEps;
      s.push(sk);
      for (let j = 0; j < cg; j++) xt[i * c + k * cg + j] = x[i * c + k * cg + j]! / Math.sqrt(sk);
    }
  }
  return { xt, s };
}

/** Exact backward of group scaling (the formula of spec §5). */
function groupScalingBackward(p: PnParams, x: readonly number[], s: readonly number[], dxt: readonly number[], c: number): number[] {
  const g = p.groupScalingGroups;
  if (g === 0) return [...dxt];
  const cg = c / g;
  const m = x.length / c;
  const dx = new Array<number>(x.length);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < g; k++) {
      const sk = s[i * g + k]!;
      let dot = 0;
      for (let j = 0; j < cg; j++) dot += dxt[i * c + k * cg + j]! * x[i * c + k * cg + j]!;
      for (let j = 0; j < cg; j++) {
        const at = i * c + k * cg + j;
        dx[at] = (dxt[at]! - (x[at]! * dot) / (cg * sk)) / Math.sqrt(sk);
      }
    }
  }
  return dx;
}

/** Eval forward: y = weight·x̃/sqrt(runningPhi+eps) + bias. */
export function pnEval(p: PnParams, x: readonly number[], c: number, weight: readonly number[], bias: readonly number[], st: PnState): number[] {
  const { xt } = groupScaling(p, x, c);
  return xt.map((v, i) => {
    const ch = i % c;
    const z = v / Math.sqrt(st.runningPhi[ch]! + p.eps);
    return p.affine ? weight[ch]! * z + bias[ch]! : z;
  });
}

/** One training step: forward (state update), then the approximate backward of sum(y ⊙ cot). */
export function pnTrain(
  p: PnParams,
  x: readonly number[],
  c: number,
  weight: readonly number[],
  bias: readonly number[],
  st: PnState,
  cot: readonly number[],
): { y: number[]; dx: number[]; dWeight: number[]; dBias: number[]; after: PnState } {
  const m = x.length / c;
  const { xt, s } = groupScaling(p, x, c);
  const t = st.iters + 1;
  const variance = new Array<number>(c).fill(0);
  xt.forEach((v, i) => (variance[i % c]! += (v * v) / m));
  const warm = t <= p.warmupIters;
  const den = variance.map((v, ch) => Math.sqrt((warm ? v : st.runningPhi[ch]!) + p.eps));
  const z = xt.map((v, i) => v / den[i % c]!);
  const y = z.map((v, i) => (p.affine ? weight[i % c]! * v + bias[i % c]! : v));
  const runningPhi = st.runningPhi.map((rp, ch) => {
    const seeded = t < p.warmupIters ? (rp * (t - 1)) / t + variance[ch]! / t : rp;
    return p.alphaFwd * seeded + (1 - p.alphaFwd) * variance[ch]!;
  });
  // approximate backward
  const gz = cot.map((d, i) => (p.affine ? d * weight[i % c]! : d));
  const approx = gz.map((v, i) => v - (1 - p.alphaBkw) * st.emaGz[i % c]! * z[i]!);
  const emaGz = [...st.emaGz];
  approx.forEach((v, i) => (emaGz[i % c]! += (v * z[i]!) / m));
  const scale = variance.map((v, ch) =>
    p.backwardScale === 'batch' || warm ? 1 / Math.sqrt(v + p.eps) : 1 / Math.sqrt(st.runningPhi[ch]! + p.eps),
  );
  const dxt = approx.map((v, i) => v * scale[i % c]!);
  const dx = groupScalingBackward(p, x, s, dxt, c);
  const dWeight = new Array<number>(c).fill(0);
  const dBias = new Array<number>(c).fill(0);
  cot.forEach((d, i) => {
    dWeight[i % c]! += d * z[i]!;
    dBias[i % c]! += d;
  });
  return { y, dx, dWeight, dBias, after: { runningPhi, emaGz, iters: t } };
}
