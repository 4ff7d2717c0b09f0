import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';

/** Lowerings of the training plugin group. */
export const trainingLowerings: readonly AnyPluginLowering[] = [];
