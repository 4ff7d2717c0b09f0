/** The input of a sequence layer's lowering (GLA, LSSL), checked before the forward (tfjs types). */
import type * as tfc from '@tensorflow/tfjs-core';
import type { TensorMap } from '../../runtime/exec/sdk.ts';

/** Input `x` as `[batch, length, dModel]`; throws, naming the node of type `type`, when it is not. */
export function sequenceInput(type: string, inputs: TensorMap, ctx: { readonly nodeId: string; readonly params: { readonly dModel: number } }): tfc.Tensor {
  const x = inputs.x;
  if (!x) throw new Error(`${type} node "${ctx.nodeId}": input port "x" has no tensor`);
  if (x.rank !== 3 || x.shape[2] !== ctx.params.dModel) {
    throw new Error(`${type} node "${ctx.nodeId}": port "x" must be [batch, length, ${ctx.params.dModel}], got [${x.shape.join(', ')}]`);
  }
  return x;
}
