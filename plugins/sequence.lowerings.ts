import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { glaLowering } from './gla/lower.ts';
import { lsslLowering } from './lssl/lower.ts';

/** Lowerings of the sequence plugin group. */
export const sequenceLowerings: readonly AnyPluginLowering[] = [glaLowering, lsslLowering];
