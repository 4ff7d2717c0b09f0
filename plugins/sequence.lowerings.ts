import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';

/** Lowerings of the sequence plugin group. */
export const sequenceLowerings: readonly AnyPluginLowering[] = [];
