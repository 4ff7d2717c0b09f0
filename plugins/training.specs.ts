import type { AnyPluginSpec } from '../runtime/sdk/index.ts';

/** Specs of the training plugin group, in palette order. */
export const trainingSpecs: readonly AnyPluginSpec[] = [];
