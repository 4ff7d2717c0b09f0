/** Cleaning up after tfjs's gradient tape. */
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from './tf.ts';

/** The part of the tfjs engine's state that records a gradient tape. */
interface TapeState {
  gradientDepth: number;
  activeTape: { saved?: tfc.Tensor[] }[] | null;
}

/**
 * Under `tf.variableGrads` every kernel keeps copies of its inputs on the engine's tape for the
 * backward pass, and only a finished backward pass frees them: when the forward (or a gradient)
 * throws, tfjs leaves them behind. Frees them after such a failure (outermost tape only).
 */
export function freeAbandonedTape(): void {
  const state = (tf.engine() as unknown as { state: TapeState }).state;
  if (state.gradientDepth !== 0 || !state.activeTape) return;
  for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
  state.activeTape = null;
}
