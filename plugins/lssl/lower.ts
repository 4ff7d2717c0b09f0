/** The executable half of the `lssl` node: tfjs, worker/CLI only. */
import { defineLowering } from '../../runtime/exec/sdk.ts';
import { sequenceInput } from '../_shared/sequenceInput.ts';
import { hippo } from './hippo.ts';
import { lsslForward, pickLsslWeights } from './layer.ts';
import { lsslSpec } from './spec.ts';

/** Lowering of the `lssl` node: HiPPO and log-uniform dt initialisers plus the forward. */
export const lsslLowering = defineLowering(lsslSpec, {
  id: lsslSpec.id,
  initWeights(ctx) {
    const p = ctx.params;
    const { A, B } = hippo(p.measure, p.stateSize);
    const rng = ctx.rng.fork('log_dt');
    const lo = Math.log(p.dtMin);
    const hi = Math.log(p.dtMax);
    const logDt = new Float32Array(p.dModel * p.timescales);
    for (let i = 0; i < logDt.length; i++) logDt[i] = lo + (hi - lo) * rng.next();
    return { A: Float32Array.from(A), B: Float32Array.from(B), log_dt: logDt };
  },
  apply(inputs, ctx) {
    const x = sequenceInput('lssl', inputs, ctx);
    return { y: lsslForward(x, pickLsslWeights(ctx.weights, ctx.nodeId), ctx.params).y };
  },
});
