/** The `lssl` node's step form for generation: the discretised recurrence, one token at a time. */
import { defineStepForm } from '../../runtime/exec/sequence/stepForm.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { sequenceInput } from '../_shared/sequenceInput.ts';
import { lsslForward, pickLsslWeights } from './layer.ts';
import { lsslSpec } from './spec.ts';

/** State x [H·S, B, N] (zeros at the start), as the recurrent mode carries it. */
export const lsslStepForm = defineStepForm(lsslSpec, {
  initial: (batch, ctx) => ({ x: tf.zeros([ctx.params.dModel * ctx.params.timescales, batch, ctx.params.stateSize]) }),
  step(inputs, state, ctx) {
    const u = sequenceInput('lssl', inputs, ctx);
    const out = lsslForward(u, pickLsslWeights(ctx.weights, ctx.nodeId), { ...ctx.params, mode: 'recurrent' }, state.x);
    return { outputs: { y: out.y }, state: { x: out.state! } };
  },
});
