import { defineLowering } from '../../runtime/exec/sdk.ts';
import { adamRule } from '../adam/lower.ts';
import { optimiserOf } from '../_shared/slots.ts';
import { adamwSpec } from './spec.ts';

/** AdamW lowering: `WeightSpec.optim.decay` decides when given, else rank >= 2 decays. */
export const adamwLowering = defineLowering(adamwSpec, {
  id: adamwSpec.id,
  optimiser: ({ params }) =>
    optimiserOf(
      params,
      adamRule({
        beta1: params.beta1,
        beta2: params.beta2,
        eps: params.eps,
        weightDecay: params.weightDecay,
        decays: (_key, w, spec) => spec?.optim?.decay ?? w.rank >= 2,
      }),
    ),
});
