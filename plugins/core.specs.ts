import type { AnyPluginSpec } from '../runtime/sdk/index.ts';
import { activationSpec } from './activation/spec.ts';
import { denseSpec } from './dense/spec.ts';

/** Specs of the core plugin group, in palette order. */
export const coreSpecs: readonly AnyPluginSpec[] = [denseSpec, activationSpec];
