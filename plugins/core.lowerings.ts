import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';

/** Lowerings of the core plugin group. */
export const coreLowerings: readonly AnyPluginLowering[] = [];
