/**
 * The values of every tfjs variable at one moment (weights, state, optimiser slots), so that the
 * trainer can go back to the start of a readback interval and replay its steps one by one when a
 * readback finds a non-finite loss. Taking one runs no kernel where the backend counts references
 * (a second reference to each variable's data: an assign gives the variable new data, it never
 * overwrites the old), else one copy per variable.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { sharedData } from './leanTape.ts';
import { tf } from './tf.ts';

/** What {@link snapshotVariables} hands back. */
export interface VariableSnapshot {
  /**
   * Gives every variable that still exists its value at the snapshot. Returns whether
   * variables were created since (e.g. an optimiser's first slots): their values cannot be
   * restored, so the caller resets their owner.
   */
  restore(): { readonly created: boolean };
  /** Frees the saved values. */
  dispose(): void;
}

function registeredVariables(): Record<string, tfc.Variable> {
  return (tf.engine() as unknown as { state: { registeredVariables: Record<string, tfc.Variable> } }).state.registeredVariables;
}

/** Saves the value of every registered variable. */
export function snapshotVariables(): VariableSnapshot {
  const saved = new Map<string, { variable: tfc.Variable; value: tfc.Tensor }>();
  for (const [name, v] of Object.entries(registeredVariables())) {
    const value = tf.keep(sharedData(v) ?? tf.clone(v));
    saved.set(name, { variable: v, value });
  }
  return {
    restore() {
      const now = registeredVariables();
      for (const [name, { variable, value }] of saved) if (now[name] === variable && !variable.isDisposed) variable.assign(value);
      return { created: Object.keys(now).some((name) => !saved.has(name)) };
    },
    dispose() {
      for (const { value } of saved.values()) value.dispose();
      saved.clear();
    },
  };
}
