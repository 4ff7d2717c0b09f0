import type { AnyPluginSpec } from '../runtime/sdk/index.ts';

/** Specs of the paper plugin group, in palette order. */
export const paperSpecs: readonly AnyPluginSpec[] = [];
