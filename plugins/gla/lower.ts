/** The executable half of the `gla` node: tfjs, worker/CLI only. */
import { defineLowering } from '../../runtime/exec/sdk.ts';
import { sequenceInput } from '../_shared/sequenceInput.ts';
import { glaOutput } from './layer.ts';
import { pickGlaWeights } from './projections.ts';
import { glaSpec } from './spec.ts';

/** Lowering of the `gla` node. Weights use the spec's declarative initialisers. */
export const glaLowering = defineLowering(glaSpec, {
  id: glaSpec.id,
  apply(inputs, ctx) {
    const x = sequenceInput('gla', inputs, ctx);
    return { y: glaOutput(x, pickGlaWeights(ctx.weights, ctx.nodeId), ctx.params) };
  },
});
