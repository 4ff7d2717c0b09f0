import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';

/** Lowerings of the paper plugin group. */
export const paperLowerings: readonly AnyPluginLowering[] = [];
