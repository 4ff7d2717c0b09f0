/** The plugin module: `--plugin examples/plugins/deltanet` loads these next to the built-ins. */
import type { AnyPluginSpec } from '../../../runtime/sdk/index.ts';
import type { AnyPluginLowering } from '../../../runtime/exec/sdk.ts';
import { deltanetLowering } from './lower.ts';
import { deltanetSpec } from './spec.ts';

/** Every spec of this module. */
export const specs: readonly AnyPluginSpec[] = [deltanetSpec];

/** Every lowering of this module. */
export const lowerings: readonly AnyPluginLowering[] = [deltanetLowering];
