/**
 * HiPPO matrices in continuous time (spec §4), as plain float64 arrays: no tfjs, so the spec,
 * the lowering's initialisers and tests can all use them.
 */

/** HiPPO measures the node supports. */
export const LSSL_MEASURES = ['legs', 'legt'] as const;

/** A HiPPO measure. */
export type Measure = (typeof LSSL_MEASURES)[number];

/** Continuous (A [N·N row-major], B [N]) of a measure, in float64. */
export interface Hippo {
  readonly A: Float64Array;
  readonly B: Float64Array;
}

/**
 * HiPPO-LegS (lower triangular) or HiPPO-LegT in the authors' halved scaling (window θ = 2).
 * @param n - state size N.
 */
export function hippo(measure: Measure, n: number): Hippo {
  const A = new Float64Array(n * n);
  const B = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const si = Math.sqrt(2 * i + 1);
    for (let k = 0; k < n; k++) {
      const sk = Math.sqrt(2 * k + 1);
      if (measure === 'legs') {
        A[i * n + k] = i > k ? -si * sk : i === k ? -(i + 1) : 0;
      } else {
        const sign = i >= k ? 1 : (i - k) % 2 === 0 ? 1 : -1;
        A[i * n + k] = -0.5 * si * sk * sign;
      }
    }
    B[i] = measure === 'legs' ? si : 0.5 * si;
  }
  return { A, B };
}

/**
 * The sparsity pattern of A that `learnA` keeps (1 where the HiPPO A is nonzero): the lower
 * triangle with the diagonal for LegS, every entry for LegT.
 */
export function hippoMask(measure: Measure, n: number): Float32Array {
  const m = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) m[i * n + k] = measure === 'legt' || k <= i ? 1 : 0;
  return m;
}
