import type { AnyPluginSpec } from '../runtime/sdk/index.ts';

/** Specs of the core plugin group, in palette order. */
export const coreSpecs: readonly AnyPluginSpec[] = [];
