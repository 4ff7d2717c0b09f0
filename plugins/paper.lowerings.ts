import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { apMaskLowering } from './apmask/lower.ts';
import { biperConv2dLowering, biperDenseLowering } from './biper/lower.ts';
import { lrRefinerLowering } from './lrrefiner/lower.ts';
import { powerNormLowering } from './powernorm/lower.ts';
import { quadraticConv2dLowering, quadraticDenseLowering } from './quadratic/lower.ts';

/** Lowerings of the paper plugin group. */
export const paperLowerings: readonly AnyPluginLowering[] = [
  quadraticDenseLowering,
  quadraticConv2dLowering,
  biperDenseLowering,
  biperConv2dLowering,
  powerNormLowering,
  apMaskLowering,
  lrRefinerLowering,
];
