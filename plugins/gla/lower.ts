/** The executable half of the `gla` node: tfjs, worker/CLI only. */
import { defineLowering } from '../../runtime/exec/sdk.ts';
import { glaForward } from './layer.ts';
import { pickGlaWeights } from './projections.ts';
import { glaSpec } from './spec.ts';

/** Lowering of the `gla` node. Weights use the spec's declarative initialisers. */
export const glaLowering = defineLowering(glaSpec, {
  id: glaSpec.id,
  apply(inputs, ctx) {
    const x = inputs.x;
    if (!x) throw new Error(`gla node "${ctx.nodeId}": input port "x" has no tensor`);
    if (x.rank !== 3 || x.shape[2] !== ctx.params.dModel) {
      throw new Error(
        `gla node "${ctx.nodeId}": port "x" must be [batch, length, ${ctx.params.dModel}], got [${x.shape.join(', ')}]`,
      );
    }
    const { y } = glaForward(x, pickGlaWeights(ctx.weights, ctx.nodeId), ctx.params);
    return { y };
  },
});
