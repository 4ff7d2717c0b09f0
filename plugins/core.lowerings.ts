import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { activationLowering } from './activation/lower.ts';
import { denseLowering } from './dense/lower.ts';

/** Lowerings of the core plugin group. */
export const coreLowerings: readonly AnyPluginLowering[] = [denseLowering, activationLowering];
