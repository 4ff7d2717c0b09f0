/**
 * The step form of a sequence plugin: how its node runs one position at a time, for
 * autoregressive generation. A recurrent layer (GLA, an SSM, a token shift) carries a state
 * from token to token, so each new token costs O(1) in the sequence length; a position-wise
 * node (dense, layer norm, an embedding) needs no state: its `apply` on a sequence of length 1
 * is its step. Step forms are values passed to the stepper in a list, like lowerings; a plugin
 * without one makes generation fall back to re-running the window.
 */
import type { ParamDescriptors } from '../../sdk/params.ts';
import type { PluginSpec } from '../../sdk/plugin.ts';
import type { ApplyContext, TensorMap } from '../../lower/lowering.ts';

/** A recurrence: the state before the first token, and one token's step. */
export interface RecurrentStep<P extends ParamDescriptors = ParamDescriptors> {
  /** The state before the first token, for `batch` sequences (zeros, usually). */
  initial(batch: number, ctx: ApplyContext<P>): TensorMap;
  /**
   * One position: inputs as `[batch, 1, ...]` (the sequence axis kept, length 1), the state
   * after the previous position; returns the outputs (`[batch, 1, ...]`) and the next state.
   * Runs inside `tf.tidy`; must not dispose its inputs or the state it is given.
   */
  step(inputs: TensorMap, state: TensorMap, ctx: ApplyContext<P>): { outputs: TensorMap; state: TensorMap };
}

/** How a plugin's node runs one position at a time. */
export interface StepForm<P extends ParamDescriptors = ParamDescriptors> {
  /** The plugin id (equals the spec's and the lowering's). */
  readonly id: string;
  /** `positionwise`: the lowering's `apply` on one position is the step; else the recurrence. */
  readonly form: 'positionwise' | RecurrentStep<P>;
}

/** A step form with its params type erased, as kept in lists. */
export type AnyStepForm = StepForm;

/** Declares a recurrent step form for a spec (ties the params type to the spec's). */
export function defineStepForm<P extends ParamDescriptors>(spec: PluginSpec<P>, form: RecurrentStep<P>): AnyStepForm {
  return { id: spec.id, form: form };
}

/** Declares that a plugin's `apply` works position by position (no mixing along the sequence). */
export function positionwiseStepForm(spec: { readonly id: string }): AnyStepForm {
  return { id: spec.id, form: 'positionwise' };
}
