import type { AnyPluginSpec } from '../runtime/sdk/index.ts';
import { glaSpec } from './gla/spec.ts';
import { lsslSpec } from './lssl/spec.ts';

/** Specs of the sequence plugin group, in palette order. */
export const sequenceSpecs: readonly AnyPluginSpec[] = [glaSpec, lsslSpec];
