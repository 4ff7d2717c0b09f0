/**
 * Loads third-party plugin modules for the CLI (`--plugin MODULE`). A plugin module is an ES
 * module (TypeScript is fine: importModule.ts) built only with the public SDK: either
 * two exported arrays, `specs` (from `definePlugin`) and `lowerings` (from `defineLowering`),
 * or a default factory `(sdk) => ({ specs, lowerings })` (see runtime/host/pluginModule.ts). The
 * module's plugins are registered after the built-ins; a duplicate id fails naming both sources.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { builtinLowerings } from '../plugins/lowerings.ts';
import { builtinSpecs } from '../plugins/index.ts';
import { createRegistry, errorMessage, NetwrightError, type AnyPluginSpec, type Registry } from '../runtime/sdk/index.ts';
import type { AnyPluginLowering } from '../runtime/lower/lowering.ts';
import { createPluginSdk, pluginModuleError, resolvePluginModule, type PluginModuleContents } from '../runtime/host/pluginModule.ts';
import { tf } from '../runtime/exec/tf.ts';
import { importModuleFile } from './importModule.ts';

/** The plugins a command runs with: built-ins plus every loaded module, with their sources. */
export interface PluginSet {
  readonly registry: Registry;
  readonly specs: readonly AnyPluginSpec[];
  readonly lowerings: readonly AnyPluginLowering[];
  /** Ids that came from `--plugin` modules, in load order. */
  readonly external: readonly string[];
  /** Where each id came from (`built-in plugins` or a module path), for messages. */
  readonly sources: ReadonlyMap<string, string>;
}

const BUILTIN_SOURCE = 'built-in plugins';

function moduleError(path: string, message: string): NetwrightError {
  return pluginModuleError(path, message);
}

/** A directory means its `index.ts`; anything else is taken as the module file itself. */
export async function modulePath(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    if ((await stat(abs)).isDirectory()) return join(abs, 'index.ts');
  } catch {
    throw moduleError(path, 'no such file or directory');
  }
  return abs;
}

/**
 * Imports one module and checks its exports (named `specs`/`lowerings`, or a default factory
 * that gets the SDK with the CLI's `tf`); returns its specs and lowerings.
 */
export async function importPluginModule(path: string): Promise<PluginModuleContents> {
  const file = await modulePath(path);
  let mod: unknown;
  try {
    mod = await importModuleFile(file);
  } catch (e) {
    throw moduleError(path, `failed to load: ${errorMessage(e)}`);
  }
  return resolvePluginModule(mod, path, createPluginSdk(tf));
}

/**
 * The built-in plugins plus those of each module, in order. Duplicate spec or lowering ids
 * fail with a {@link NetwrightError} naming both sources.
 */
export async function loadPlugins(
  modules: readonly string[],
  base: { specs: readonly AnyPluginSpec[]; lowerings: readonly AnyPluginLowering[] } = { specs: builtinSpecs, lowerings: builtinLowerings },
): Promise<PluginSet> {
  let registry = createRegistry(base.specs, BUILTIN_SOURCE);
  const sources = new Map(base.specs.map((s) => [s.id, BUILTIN_SOURCE]));
  const lowerings = new Map<string, { lowering: AnyPluginLowering; source: string }>();
  for (const l of base.lowerings) lowerings.set(l.id, { lowering: l, source: BUILTIN_SOURCE });
  const external: string[] = [];
  for (const path of modules) {
    const mod = await importPluginModule(path);
    try {
      registry = registry.extend(mod.specs, path);
    } catch (e) {
      throw new NetwrightError('PLUGIN_DUPLICATE', errorMessage(e), { path });
    }
    for (const l of mod.lowerings) {
      const prev = lowerings.get(l.id);
      if (prev) throw new NetwrightError('PLUGIN_DUPLICATE', `duplicate lowering "${l.id}": registered by ${prev.source} and again by ${path}`, { path });
      lowerings.set(l.id, { lowering: l, source: path });
    }
    for (const s of mod.specs) {
      sources.set(s.id, path);
      external.push(s.id);
    }
  }
  return { registry, specs: registry.list(), lowerings: [...lowerings.values()].map((e) => e.lowering), external, sources };
}
