/**
 * Built-in plugin specs (no tfjs). Groups are listed explicitly; nothing registers itself.
 */
import { createRegistry, type AnyPluginSpec, type Registry } from '../runtime/sdk/index.ts';
import { coreSpecs } from './core.specs.ts';
import { paperSpecs } from './paper.specs.ts';
import { sequenceSpecs } from './sequence.specs.ts';
import { trainingSpecs } from './training.specs.ts';

/** Every built-in spec, in palette order. */
export const builtinSpecs: readonly AnyPluginSpec[] = [...trainingSpecs, ...coreSpecs, ...sequenceSpecs, ...paperSpecs];

/** A registry of the built-in plugins. */
export function builtinRegistry(): Registry {
  return createRegistry(builtinSpecs, 'built-in plugins');
}
