/**
 * Independent float64 reference of examples.deltanet, in plain loops (no tfjs, nothing from
 * the plugin): the forward straight from the equations, and gradients by central differences
 * of that forward (h = 1e-6, error ~1e-9, far below the float32 tolerance).
 */

/** Params of the node. */
export interface DeltaNetParams {
  readonly heads: number;
  readonly headDim: number;
  readonly units: number;
  readonly negativeEigenvalues: boolean;
}

/** Weights, row-major, TF.js layouts ([in, out]). */
export interface DeltaNetWeights {
  wq: number[];
  wk: number[];
  wv: number[];
  wBeta: number[];
  bBeta: number[];
  wo: number[];
}

const EPS = 1e-6;

/** y [B, T, units] for x [B, T, d], exactly as the README's equations say. */
export function deltanetForward(p: DeltaNetParams, w: DeltaNetWeights, x: readonly number[], B: number, T: number, d: number): number[] {
  const { heads: H, headDim: n, units: U } = p;
  const y = new Array<number>(B * T * U).fill(0);
  for (let b = 0; b < B; b++) {
    // One n×n state per head: S[h][i][j], i = value index, j = key index.
    const S = Array.from({ length: H }, () => Array.from({ length: n }, () => new Array<number>(n).fill(0)));
    for (let t = 0; t < T; t++) {
      const xt = x.slice((b * T + t) * d, (b * T + t + 1) * d);
      const o = new Array<number>(H * n).fill(0);
      for (let h = 0; h < H; h++) {
        const proj = (m: number[]): number[] =>
          Array.from({ length: n }, (_, i) => xt.reduce((acc, xv, r) => acc + xv * m[r * H * n + h * n + i]!, 0));
        const normalise = (u: number[]): number[] => {
          const norm = Math.sqrt(u.reduce((a, e) => a + e * e, 0) + EPS);
          return u.map((e) => e / norm);
        };
        const q = normalise(proj(w.wq));
        const k = normalise(proj(w.wk));
        const v = proj(w.wv);
        const z = xt.reduce((acc, xv, r) => acc + xv * w.wBeta[r * H + h]!, w.bBeta[h]!);
        const beta = (p.negativeEigenvalues ? 2 : 1) / (1 + Math.exp(-z));
        const Sh = S[h]!;
        // S ← S (I − β k kᵀ) + β v kᵀ, computed literally from the matrix product.
        const next = Sh.map((row, i) =>
          row.map((_, j) => {
            let acc = 0;
            for (let m = 0; m < n; m++) acc += row[m]! * ((m === j ? 1 : 0) - beta * k[m]! * k[j]!);
            return acc + beta * v[i]! * k[j]!;
          }),
        );
        S[h] = next;
        for (let i = 0; i < n; i++) o[h * n + i] = next[i]!.reduce((a, s, j) => a + s * q[j]!, 0);
      }
      for (let u = 0; u < U; u++) {
        y[(b * T + t) * U + u] = o.reduce((a, ov, r) => a + ov * w.wo[r * U + u]!, 0);
      }
    }
  }
  return y;
}

/** d/dθ of sum(y ⊙ cot) for every entry of `values`, by central differences. */
export function centralDifferences(values: number[], loss: () => number, h = 1e-6): number[] {
  return values.map((v, i) => {
    values[i] = v + h;
    const up = loss();
    values[i] = v - h;
    const down = loss();
    values[i] = v;
    return (up - down) / (2 * h);
  });
}
