import type { Tensor } from '@tensorflow/tfjs-core';

/** Result of a core form: per-head outputs before the norm and the final state. */
export interface CoreResult {
  /** o [B·H, L, dv]. */
  readonly o: Tensor;
  /** S_L [B·H, dk, dv]. */
  readonly state: Tensor;
}
