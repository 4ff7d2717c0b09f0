import type { AnyPluginSpec } from '../runtime/sdk/index.ts';

/** Specs of the sequence plugin group, in palette order. */
export const sequenceSpecs: readonly AnyPluginSpec[] = [];
