/**
 * GBT discretisation (spec §5) of every copy at once, with differentiable float32-accurate
 * solves: forward substitution when M = I − α·dt·A is lower triangular (LegS), Gauss–Jordan
 * without pivoting otherwise (LegT, learned dense A; safe because sym(M) ⪰ I when
 * A + Aᵀ ⪯ 0). Never a Neumann/power series: that loses everything in float32.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';

/** Discrete system of every copy: Abar [K, N, N] and Bbar [K, N] for K = H·S copies. */
export interface Discrete {
  readonly Abar: Tensor;
  readonly Bbar: Tensor;
}

/** Solves M·X = R for lower-triangular M [K, N, N], R [K, N, W], one row at a time. */
export function forwardSubstitution(M: Tensor, R: Tensor): Tensor {
  const [K, N] = M.shape as [number, number, number];
  const W = R.shape[2]!;
  const rows: Tensor[] = [];
  for (let i = 0; i < N; i++) {
    let r = tf.slice(R, [0, i, 0], [K, 1, W]);
    if (i > 0) {
      const mi = tf.slice(M, [0, i, 0], [K, 1, i]);
      r = tf.sub(r, tf.matMul(mi, tf.concat(rows, 1)));
    }
    rows.push(tf.div(r, tf.slice(M, [0, i, i], [K, 1, 1])));
  }
  return tf.concat(rows, 1);
}

/**
 * Solves M·X = R by Gauss–Jordan elimination without pivoting, M [K, N, N], R [K, N, W].
 * Each step eliminates column k from every other row: aug ← aug − (col_k − e_k) ⊗ row_k / p.
 */
export function gaussJordan(M: Tensor, R: Tensor): Tensor {
  const [K, N] = M.shape as [number, number, number];
  const W = R.shape[2]!;
  let aug = tf.concat([M, R], 2);
  const width = N + W;
  for (let k = 0; k < N; k++) {
    const pivot = tf.slice(aug, [0, k, k], [K, 1, 1]);
    const row = tf.div(tf.slice(aug, [0, k, 0], [K, 1, width]), pivot);
    const e = new Float32Array(N);
    e[k] = 1;
    const unit = tf.tensor3d(e, [1, N, 1]);
    const col = tf.sub(tf.slice(aug, [0, 0, k], [K, N, 1]), unit);
    aug = tf.sub(aug, tf.mul(col, row));
  }
  return tf.slice(aug, [0, 0, N], [K, N, W]);
}

/**
 * Abar = (I − α·dt·A)⁻¹(I + (1−α)·dt·A), Bbar = (I − α·dt·A)⁻¹·dt·B for each copy.
 * @param A - [N, N] (already masked when learned); @param B - [N];
 * @param dt - [K] step of each copy; @param lowerTriangular - A is lower triangular (LegS).
 */
export function discretise(A: Tensor, B: Tensor, dt: Tensor, alpha: number, lowerTriangular: boolean): Discrete {
  const N = A.shape[0];
  const K = dt.shape[0];
  const eye = tf.expandDims(tf.eye(N), 0);
  const dtA = tf.mul(tf.reshape(dt, [K, 1, 1]), tf.expandDims(A, 0)); // [K, N, N]
  const M = tf.sub(eye, tf.mul(dtA, alpha));
  const rhsA = tf.add(eye, tf.mul(dtA, 1 - alpha));
  const rhsB = tf.mul(tf.reshape(dt, [K, 1, 1]), tf.reshape(B, [1, N, 1]));
  const R = tf.concat([rhsA, rhsB], 2); // [K, N, N + 1]
  const X = lowerTriangular ? forwardSubstitution(M, R) : gaussJordan(M, R);
  return {
    Abar: tf.slice(X, [0, 0, 0], [K, N, N]),
    Bbar: tf.reshape(tf.slice(X, [0, 0, N], [K, N, 1]), [K, N]),
  };
}
