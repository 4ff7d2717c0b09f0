/** Declaring a spec's ports and reading them in its `infer` (declarative, no tfjs). */
import type { InferContext, ParamDescriptors, PortSpec, PortValue } from '../../runtime/sdk/index.ts';

/** A tensor port value. */
export type TensorPortValue = Extract<PortValue, { kind: 'tensor' }>;

/** A tensor port declaration without its `kind`: rank, dtype, optional, doc. */
export type TensorPortFields = Omit<PortSpec, 'kind'>;

/** The ports of a layer with one tensor input `x` and one tensor output `y`. */
export interface LayerPorts {
  readonly inputs: { readonly x: PortSpec };
  readonly outputs: { readonly y: PortSpec };
}

/** A tensor port declaration: `kind: 'tensor'` followed by `fields`, in their order. */
export function tensorPort(fields: TensorPortFields): PortSpec {
  return { kind: 'tensor', ...fields };
}

/**
 * The ports of the most common node, one tensor input `x` and one tensor output `y`, to spread
 * into a spec: `...layerPorts({ rank: 3, doc: 'Sequence [?, L, C].' }, { rank: 3 })`.
 */
export function layerPorts(x: TensorPortFields, y: TensorPortFields): LayerPorts {
  return { inputs: { x: tensorPort(x) }, outputs: { y: tensorPort(y) } };
}

/** The ports of a layer over the last (feature or channel) axis: `x [..., C]` → `y`, both of rank ≥ 2. */
export function lastAxisPorts(xDoc: string, yDoc: string): LayerPorts {
  return layerPorts({ rank: { min: 2 }, doc: xDoc }, { rank: { min: 2 }, doc: yDoc });
}

/** The ports of a sequence layer: `x [batch, length, dModel]` → `y`, both of rank 3. */
export function sequenceLayerPorts(yDoc: string): LayerPorts {
  return layerPorts({ rank: 3, doc: '[batch, length, dModel]' }, { rank: 3, doc: yDoc });
}

/** The ports of an elementwise layer: any float tensor in, the same shape out. */
export function elementwisePorts(): LayerPorts {
  return layerPorts({ doc: 'Any float tensor.' }, { doc: 'Same shape as x.' });
}

/** The tensor wired into input `port`; fails, naming the port, when none is. */
export function tensorInput(ctx: Pick<InferContext<ParamDescriptors>, 'inputs' | 'fail'>, port: string): TensorPortValue {
  const v = ctx.inputs[port];
  return v?.kind === 'tensor' ? v : ctx.fail(`input "${port}" is not connected`, { port });
}
