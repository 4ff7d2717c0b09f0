/**
 * GBT discretisation on the device, for GPU backends (WebGPU, WebGL), where reading weights
 * back synchronously stalls the pipeline or loses the device (discretiseHost.ts reads A, B
 * and log_dt with `dataSync`). The forward solves M·[M⁻¹ | Abar | Bbar] = [I | P | dt·B] with
 * the float32 tensor solvers of discretise.ts (O(N) kernels over all K copies at once); the
 * backward is the closed form of discretiseHost.ts as batched matmuls with the saved M⁻¹, so
 * no kernel of the solver is differentiated:
 *   ∂L/∂dt = Σ Ḡ ⊙ (M⁻¹·A·W) + Σ ḡ ⊙ M⁻¹(B + α·A·Bbar),   ∂L/∂log_dt = dt·∂L/∂dt
 *   ∂L/∂A = Σ_copies dt·(M⁻ᵀ·Ḡ·Wᵀ + α·(M⁻ᵀ·ḡ)·Bbarᵀ),      ∂L/∂B = Σ_copies dt·M⁻ᵀ·ḡ
 * with W = α·Abar + (1−α)·I, Ḡ = ∂L/∂Abar and ḡ = ∂L/∂Bbar.
 */
import type { GradSaveFunc, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';
import { forwardSubstitution, gaussJordan, type Discrete } from './discretise.ts';

/**
 * Discretises K = logDt.size copies sharing (A [N, N], B [N]) without reading anything back;
 * differentiable in A, B and logDt.
 * @param lowerTriangular - A is lower triangular (LegS): forward substitution instead of
 *   Gauss–Jordan.
 * @returns Abar [K, N, N] and Bbar [K, N] (float32).
 */
export function discretiseDevice(A: Tensor, B: Tensor, logDt: Tensor, alpha: number, lowerTriangular: boolean): Discrete {
  const n = A.shape[0];
  const K = logDt.size;
  const op = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const [a, b, ld, save] = args as [Tensor, Tensor, Tensor, GradSaveFunc];
    const eye = tf.eye(n);
    const dt = tf.reshape(tf.exp(ld), [K, 1, 1]);
    const dtA = tf.mul(dt, tf.expandDims(a, 0)); // [K, N, N]
    const M = tf.sub(eye, tf.mul(dtA, alpha));
    const P = tf.add(eye, tf.mul(dtA, 1 - alpha));
    const dtB = tf.mul(dt, tf.reshape(b, [1, n, 1]));
    const rhs = tf.concat([tf.tile(tf.expandDims(eye, 0), [K, 1, 1]), P, dtB], 2); // [K, N, 2N + 1]
    const X = lowerTriangular ? forwardSubstitution(M, rhs) : gaussJordan(M, rhs);
    const Minv = tf.slice(X, [0, 0, 0], [K, n, n]);
    const AbarBbar = tf.slice(X, [0, 0, n], [K, n, n + 1]);
    save([a, b, dt, Minv, AbarBbar]);
    const gradFunc = (dy: Tensor, saved: Tensor[]): Tensor[] => {
      const [sa, sb, sdt, sMinv, sX] = saved as [Tensor, Tensor, Tensor, Tensor, Tensor];
      const Abar = tf.slice(sX, [0, 0, 0], [K, n, n]);
      const Bbar = tf.slice(sX, [0, 0, n], [K, n, 1]);
      const G = tf.slice(dy, [0, 0, 0], [K, n, n]);
      const g = tf.slice(dy, [0, 0, n], [K, n, 1]);
      const As = tf.tile(tf.expandDims(sa, 0), [K, 1, 1]);
      const W = tf.add(tf.mul(Abar, alpha), tf.mul(tf.eye(n), 1 - alpha));
      const MinvAW = tf.matMul(tf.matMul(sMinv, As), W);
      const dBbar = tf.matMul(sMinv, tf.add(tf.reshape(sb, [1, n, 1]), tf.mul(tf.matMul(As, Bbar), alpha)));
      const dDt = tf.add(tf.sum(tf.mul(G, MinvAW), [1, 2]), tf.sum(tf.mul(g, dBbar), [1, 2])); // [K]
      const dtK = tf.reshape(sdt, [K]);
      const Mtg = tf.matMul(sMinv, g, true, false); // M⁻ᵀ·ḡ [K, N, 1]
      const perCopyA = tf.add(tf.matMul(tf.matMul(sMinv, G, true, false), W, false, true), tf.mul(tf.matMul(Mtg, Bbar, false, true), alpha));
      return [
        tf.sum(tf.mul(perCopyA, sdt), 0),
        tf.reshape(tf.sum(tf.mul(Mtg, sdt), 0), [n]),
        tf.reshape(tf.mul(dtK, dDt), ld.shape),
      ];
    };
    return { value: AbarBbar, gradFunc };
  });
  const X = op(A, B, logDt);
  return {
    Abar: tf.slice(X, [0, 0, 0], [K, n, n]),
    Bbar: tf.reshape(tf.slice(X, [0, 0, n], [K, n, 1]), [K, n]),
  };
}
