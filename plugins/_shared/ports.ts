/** Reading input ports in a spec's `infer` (declarative, no tfjs). */
import type { InferContext, ParamDescriptors, PortValue } from '../../runtime/sdk/index.ts';

/** A tensor port value. */
export type TensorPortValue = Extract<PortValue, { kind: 'tensor' }>;

/** The tensor wired into input `port`; fails, naming the port, when none is. */
export function tensorInput(ctx: Pick<InferContext<ParamDescriptors>, 'inputs' | 'fail'>, port: string): TensorPortValue {
  const v = ctx.inputs[port];
  return v?.kind === 'tensor' ? v : ctx.fail(`input "${port}" is not connected`, { port });
}
