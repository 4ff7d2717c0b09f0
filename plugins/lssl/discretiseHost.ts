/**
 * GBT discretisation on the host in float64 with a closed-form custom gradient (spec §5, the
 * third way). The tensor solvers of discretise.ts need O(N) small kernels forward and more
 * backward (≈ 7 000 kernels at N = 64 with their gradients), which dominated the layer's cost
 * on wasm; this needs a handful per call and is more accurate. It reads log_dt, A and B back
 * to the host (a sync readback: cheap on wasm/cpu, a stall on GPU backends).
 *
 * With M = I − α·dt·A, Abar = M⁻¹(I + (1−α)·dt·A), Bbar = M⁻¹·dt·B, W = α·Abar + (1−α)·I,
 * Ḡ = ∂L/∂Abar, ḡ = ∂L/∂Bbar (verified in the spec to 1e-15):
 *   ∂L/∂dt = Σ Ḡ ⊙ (M⁻¹·A·W) + Σ ḡ ⊙ M⁻¹(B + α·A·Bbar),   ∂L/∂log_dt = dt·∂L/∂dt
 *   ∂L/∂A = Σ_copies dt·M⁻ᵀ·Ḡ·Wᵀ + α·dt·(M⁻ᵀ·ḡ)·Bbarᵀ,      ∂L/∂B = Σ_copies dt·M⁻ᵀ·ḡ
 */
/* eslint-disable no-restricted-properties -- host path, taken only where syncReadbackIsCheap() (cpu, wasm: tensors in host memory); GPU backends use discretiseDevice.ts */
import type { GradSaveFunc, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';
import type { Discrete } from './discretise.ts';

/** Inverse of a well-conditioned n×n matrix (row-major) by Gauss–Jordan with partial pivoting. */
export function invert64(m: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(m);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[p * n + c]!)) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        [a[c * n + k], a[p * n + k]] = [a[p * n + k]!, a[c * n + k]!];
        [inv[c * n + k], inv[p * n + k]] = [inv[p * n + k]!, inv[c * n + k]!];
      }
    }
    const d = a[c * n + c]!;
    if (d === 0 || !Number.isFinite(d)) throw new Error(`lssl: I − α·dt·A is singular (pivot ${d} at column ${c})`);
    for (let k = 0; k < n; k++) {
      a[c * n + k] = a[c * n + k]! / d;
      inv[c * n + k] = inv[c * n + k]! / d;
    }
    for (let r = 0; r < n; r++) {
      const f = a[r * n + c]!;
      if (r === c || f === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r * n + k] = a[r * n + k]! - f * a[c * n + k]!;
        inv[r * n + k] = inv[r * n + k]! - f * inv[c * n + k]!;
      }
    }
  }
  return inv;
}

/** C = A·B for n×k times k×m row-major matrices; `ta`/`tb` read A or B transposed. */
function mm(A: Float64Array, B: Float64Array, n: number, k: number, m: number, ta = false, tb = false): Float64Array {
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < k; l++) {
      const a = ta ? A[l * n + i]! : A[i * k + l]!;
      if (a === 0) continue;
      for (let j = 0; j < m; j++) C[i * m + j] = C[i * m + j]! + a * (tb ? B[j * k + l]! : B[l * m + j]!);
    }
  }
  return C;
}

/** One copy's forward products, kept for the backward. */
interface CopyState {
  readonly dt: number;
  readonly Minv: Float64Array;
  readonly Abar: Float64Array;
  readonly Bbar: Float64Array;
}

function forwardCopy(A: Float64Array, B: Float64Array, n: number, dt: number, alpha: number): CopyState {
  const M = new Float64Array(n * n);
  const P = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) {
    const diag = Math.floor(i / n) === i % n ? 1 : 0;
    M[i] = diag - alpha * dt * A[i]!;
    P[i] = diag + (1 - alpha) * dt * A[i]!;
  }
  const Minv = invert64(M, n);
  const Abar = mm(Minv, P, n, n, n);
  const Bbar = mm(Minv, Float64Array.from(B, (b) => dt * b), n, n, 1);
  return { dt, Minv, Abar, Bbar };
}

/**
 * Discretises K = logDt.size copies sharing (A [N, N], B [N]); differentiable in A, B, logDt.
 * @returns Abar [K, N, N] and Bbar [K, N] (float32).
 */
export function discretiseHost(A: Tensor, B: Tensor, logDt: Tensor, alpha: number): Discrete {
  const n = A.shape[0];
  const K = logDt.size;
  const op = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [a, b, ld] = args as [Tensor, Tensor, Tensor];
    const A64 = Float64Array.from(a.dataSync());
    const B64 = Float64Array.from(b.dataSync());
    const dts = Array.from(ld.dataSync(), Math.exp);
    const copies = dts.map((dt) => forwardCopy(A64, B64, n, dt, alpha));
    const out = new Float32Array(K * n * (n + 1));
    copies.forEach((c, k) => {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) out[(k * n + i) * (n + 1) + j] = c.Abar[i * n + j]!;
        out[(k * n + i) * (n + 1) + n] = c.Bbar[i]!;
      }
    });
    const gradFunc = (dy: Tensor): Tensor[] => {
      const g = dy.dataSync();
      const gA = new Float64Array(n * n);
      const gB = new Float64Array(n);
      const gLogDt = new Float32Array(K);
      copies.forEach((c, k) => {
        const Gb = new Float64Array(n * n);
        const gb = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) Gb[i * n + j] = g[(k * n + i) * (n + 1) + j]!;
          gb[i] = g[(k * n + i) * (n + 1) + n]!;
        }
        const W = Float64Array.from(c.Abar, (v, i) => alpha * v + (Math.floor(i / n) === i % n ? 1 - alpha : 0));
        const MinvAW = mm(mm(c.Minv, A64, n, n, n), W, n, n, n);
        const AB = mm(A64, c.Bbar, n, n, 1);
        const dBbar = mm(c.Minv, Float64Array.from(B64, (v, i) => v + alpha * AB[i]!), n, n, 1);
        let dDt = 0;
        for (let i = 0; i < n * n; i++) dDt += Gb[i]! * MinvAW[i]!;
        for (let i = 0; i < n; i++) dDt += gb[i]! * dBbar[i]!;
        gLogDt[k] = c.dt * dDt;
        const MtG = mm(c.Minv, Gb, n, n, n, true); // M⁻ᵀ·Ḡ
        const MtGWt = mm(MtG, W, n, n, n, false, true); // ·Wᵀ
        const Mtg = mm(c.Minv, gb, n, n, 1, true); // M⁻ᵀ·ḡ
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) gA[i * n + j] = gA[i * n + j]! + c.dt * (MtGWt[i * n + j]! + alpha * Mtg[i]! * c.Bbar[j]!);
          gB[i] = gB[i]! + c.dt * Mtg[i]!;
        }
      });
      return [tf.tensor(Float32Array.from(gA), [n, n]), tf.tensor(Float32Array.from(gB), [n]), tf.tensor(gLogDt, ld.shape)];
    };
    return { value: tf.tensor(out, [K, n, n + 1]), gradFunc };
  });
  const X = op(A, B, logDt);
  return {
    Abar: tf.slice(X, [0, 0, 0], [K, n, n]),
    Bbar: tf.reshape(tf.slice(X, [0, 0, n], [K, n, 1]), [K, n]),
  };
}
