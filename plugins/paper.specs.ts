import type { AnyPluginSpec } from '../runtime/sdk/index.ts';
import { apMaskSpec } from './apmask/spec.ts';
import { biperConv2dSpec, biperDenseSpec } from './biper/spec.ts';
import { lrRefinerSpec } from './lrrefiner/spec.ts';
import { powerNormSpec } from './powernorm/spec.ts';
import { quadraticConv2dSpec, quadraticDenseSpec } from './quadratic/spec.ts';

/** Specs of the paper plugin group, in palette order. */
export const paperSpecs: readonly AnyPluginSpec[] = [
  quadraticDenseSpec,
  quadraticConv2dSpec,
  biperDenseSpec,
  biperConv2dSpec,
  powerNormSpec,
  apMaskSpec,
  lrRefinerSpec,
];
