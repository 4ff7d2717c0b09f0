/** The `gla` node's step form for generation: the recurrent form, one token at a time (spec §7). */
import { defineStepForm } from '../../runtime/exec/sequence/stepForm.ts';
import { sequenceInput } from '../_shared/sequenceInput.ts';
import { glaForward, glaInitialState } from './layer.ts';
import { pickGlaWeights } from './projections.ts';
import { glaSpec } from './spec.ts';

/** State S [B, H, dk, dv], carried from token to token; the same weights as the chunk form. */
export const glaStepForm = defineStepForm(glaSpec, {
  initial: (batch, ctx) => ({ S: glaInitialState(batch, ctx.params) }),
  step(inputs, state, ctx) {
    const x = sequenceInput('gla', inputs, ctx);
    const out = glaForward(x, pickGlaWeights(ctx.weights, ctx.nodeId), { ...ctx.params, mode: 'recurrent' }, state.S);
    return { outputs: { y: out.y }, state: { S: out.state } };
  },
});
