/** One training step's forward, for the tests that check what the profiler or the tape sees. Test-only. */
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { forward, type ForwardOptions, type ForwardResult } from '../../runtime/exec/executor.ts';
import type { LoweringMap } from '../../runtime/exec/lowerings.ts';
import type { WeightStore } from '../../runtime/exec/weights.ts';

/**
 * {@link forward} of `plan` in training mode at step 1 with `store`'s weights and state, to
 * `outputs`, with the per-node RNGs seeded by `seed` (the executor's default when absent).
 */
export function trainingForward(
  plan: ExecutionPlan,
  lowerings: LoweringMap,
  store: WeightStore,
  feeds: ForwardOptions['feeds'],
  outputs: readonly string[],
  seed?: number,
): ForwardResult {
  return forward(plan, lowerings, {
    weights: store.weights,
    state: store.state,
    feeds,
    training: true,
    step: 1,
    ...(seed === undefined ? {} : { seed }),
    outputs,
  });
}
