/**
 * The fake plugins: small specs that stand in for real plugins in the tests of the runtime and
 * the editor (see ../../README.md for the three groups of ids). A spec's export name is its id
 * in camelCase plus `Spec`.
 */
import { createRegistry, type AnyPluginSpec, type Registry } from '../../../../runtime/sdk/index.ts';
import * as data from './data.ts';
import * as layers from './layers.ts';
import * as training from './training.ts';

export * from './data.ts';
export * from './layers.ts';
export * from './training.ts';

/** Every fake plugin spec: everything data.ts, layers.ts and training.ts export. */
export const testSpecs: readonly AnyPluginSpec[] = [
  ...Object.values(data),
  ...Object.values(layers),
  ...Object.values(training),
];

/** A registry of every fake plugin. */
export function testRegistry(): Registry {
  return createRegistry(testSpecs, 'the fake test plugins');
}
