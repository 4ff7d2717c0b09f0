/**
 * The whole GLA layer as plain functions of tensors: a full forward with an optional carried
 * state (streaming) and the single-step form for autoregressive generation.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';
import { runCore, runCoreOutput } from './forms/index.ts';
import { finishOutput, projectInputs, type GlaWeights } from './projections.ts';
import { glaDims, type GlaDims, type GlaParams } from './spec.ts';

/** Output of {@link glaForward} and {@link glaStep}. */
export interface GlaOutput {
  /** y [B, L, d] (forward) or [B, d] (step). */
  readonly y: Tensor;
  /** Final state S_L [B, H, dk, dv]. */
  readonly state: Tensor;
}

/** Widths for params already validated by the spec's `infer`; throws naming the param. */
export function dimsOrThrow(p: GlaParams, nodeId = 'gla'): GlaDims {
  const d = glaDims(p);
  if ('error' in d) throw new Error(`gla node "${nodeId}": param "${d.param}": ${d.error}`);
  return d;
}

/**
 * Full forward x [B, L, d] -> y [B, L, d] in the form `p.mode` selects.
 * @param state0 - initial state [B, H, dk, dv]; zeros when absent. Feeding a sequence in
 *   pieces and carrying `state` gives the same result as one pass (spec §7).
 */
export function glaForward(x: Tensor, w: GlaWeights, p: GlaParams, state0?: Tensor): GlaOutput {
  const dims = dimsOrThrow(p);
  const B = x.shape[0];
  const { core: inp, gate } = projectInputs(x, w, dims, p.gateTemperature);
  const S0 = state0 ? tf.reshape(state0, [B * dims.heads, dims.dkHead, dims.dvHead]) : undefined;
  const core = runCore(inp, p, S0);
  return {
    y: finishOutput(core.o, gate, w, dims, p.normEps),
    state: tf.reshape(core.state, [B, dims.heads, dims.dkHead, dims.dvHead]),
  };
}

/**
 * y of {@link glaForward} from a zero state, without the final state (the lowering's forward:
 * the chunkwise form then skips the work only the state needs).
 */
export function glaOutput(x: Tensor, w: GlaWeights, p: GlaParams): Tensor {
  const dims = dimsOrThrow(p);
  const { core, gate } = projectInputs(x, w, dims, p.gateTemperature);
  return finishOutput(runCoreOutput(core, p), gate, w, dims, p.normEps);
}

/**
 * One autoregressive step: (S_{t−1}, x_t [B, d]) -> (y_t [B, d], S_t [B, H, dk, dv]), with
 * the recurrent form whatever `p.mode` says. The same weights as the chunkwise training form.
 * @param state - S_{t−1}; pass `undefined` for the first step (zeros).
 */
export function glaStep(state: Tensor | undefined, xt: Tensor, w: GlaWeights, p: GlaParams): GlaOutput {
  const [B, d] = xt.shape as [number, number];
  const out = glaForward(tf.reshape(xt, [B, 1, d]), w, { ...p, mode: 'recurrent' }, state);
  return { y: tf.reshape(out.y, [B, d]), state: out.state };
}

/** Zero initial state [B, H, dk, dv] for {@link glaStep}. */
export function glaInitialState(batch: number, p: GlaParams): Tensor {
  const dims = dimsOrThrow(p);
  return tf.zeros([batch, dims.heads, dims.dkHead, dims.dvHead]);
}
