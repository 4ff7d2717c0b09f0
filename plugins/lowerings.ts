/** Built-in plugin lowerings (tfjs code): imported only by the worker and the CLI. */
import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { coreLowerings } from './core.lowerings.ts';
import { paperLowerings } from './paper.lowerings.ts';
import { sequenceLowerings } from './sequence.lowerings.ts';
import { trainingLowerings } from './training.lowerings.ts';

/** Every built-in lowering. */
export const builtinLowerings: readonly AnyPluginLowering[] = [
  ...trainingLowerings,
  ...coreLowerings,
  ...sequenceLowerings,
  ...paperLowerings,
];
