/**
 * Declarative pieces shared by the dense forms of the paper layers (quadratic-dense,
 * biper-dense): `x [batch, inDim]` → `y [batch, units]`, the `units` param and the shape
 * inference with its diagnostics. The conv forms have theirs in conv2dSpec.ts. No tfjs.
 */
import { formatShape, type InferContext, type ParamDescriptors } from '../../runtime/sdk/index.ts';
import { layerPorts, tensorInput } from './ports.ts';

/** The ports of a dense paper layer. */
export const denseLayerPorts = layerPorts({ rank: 2, doc: '[batch, inDim]' }, { rank: 2, doc: '[batch, units]' });

/** Output width (required: no default). */
export const unitsParam = { kind: 'int', min: 1, max: 65536, doc: 'Output width.' } as const;

/** Reads input `x` `[batch, inDim]`; fails, naming the port, when it is missing or `inDim` is unknown. */
export function inferDenseShape(ctx: Pick<InferContext<ParamDescriptors>, 'inputs' | 'fail'>): { batch: number | null; inDim: number } {
  const x = tensorInput(ctx, 'x');
  const inDim = x.shape[1];
  if (inDim === null || inDim === undefined) {
    return ctx.fail(`input x ${formatShape(x.shape)} needs a known feature size`, { port: 'x' });
  }
  return { batch: x.shape[0] ?? null, inDim };
}
