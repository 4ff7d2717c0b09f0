import { defineLowering } from '../../runtime/exec/sdk.ts';
import { applyActivation } from '../_shared/activations.ts';
import { activationSpec } from './spec.ts';

/** Activation forward. */
export const activationLowering = defineLowering(activationSpec, {
  id: activationSpec.id,
  apply({ x }, { params }) {
    return { y: applyActivation(x!, params.fn, params.alpha) };
  },
});
