/**
 * Plugin modules: how a third-party ES module hands its specs and lowerings to a host (the
 * CLI, the editor page, the engine worker). Two shapes are accepted:
 *
 * - named exports `specs` and `lowerings` (arrays) — for modules that import the SDK by path,
 *   such as plugins inside this repository served by the dev server or run by the CLI;
 * - a default-exported factory `(sdk) => ({ specs, lowerings })` — for standalone modules (one
 *   file, no imports) that can be loaded from any URL or a local file: the host passes its own
 *   SDK, including the `tf` instance its engine runs, so the plugin's tensors are the host's.
 *
 * Every failure is a {@link NetwrightError} `PLUGIN_MODULE` that names the module. This file
 * runs no tfjs (the exec files it imports are tf-free at run time), so the editor page uses it.
 */
import * as specSdk from '../sdk/index.ts';
import { errorMessage, NetwrightError, type AnyPluginSpec } from '../sdk/index.ts';
import type { AnyPluginLowering, TfNamespace } from '../lower/lowering.ts';
import * as lowerSdk from '../exec/sdk.ts';

/** The version of the host SDK object handed to plugin factories. */
export const PLUGIN_SDK_VERSION = 1;

/** The tfjs namespace as plugins see it (core ops, gradients, variables). */
export type PluginTf = TfNamespace;

/**
 * Everything a standalone plugin module gets from its host: the public SDK (the exports of
 * `runtime/sdk/index.ts` and `runtime/exec/sdk.ts`), `tf`, and the SDK version.
 */
export type NetwrightSdk = typeof specSdk &
  typeof lowerSdk & {
    readonly tf: PluginTf;
    readonly sdkVersion: typeof PLUGIN_SDK_VERSION;
  };

/** What a plugin module provides. */
export interface PluginModuleContents {
  readonly specs: readonly AnyPluginSpec[];
  readonly lowerings: readonly AnyPluginLowering[];
}

/** The default export of a standalone plugin module. */
export type PluginModuleFactory = (sdk: NetwrightSdk) => PluginModuleContents;

/**
 * The SDK object for a host. Pass the `tf` the host's engine runs; a host that never runs
 * lowerings (the editor page) passes nothing and gets a `tf` that refuses to be used, with a
 * message saying why.
 */
export function createPluginSdk(tf?: PluginTf): NetwrightSdk {
  return { ...specSdk, ...lowerSdk, tf: tf ?? pageTf(), sdkVersion: PLUGIN_SDK_VERSION };
}

/** A stand-in `tf` for hosts without an engine: any use throws a clear error. */
function pageTf(): PluginTf {
  return new Proxy({} as PluginTf, {
    get(_target, key) {
      throw new NetwrightError(
        'PLUGIN_TF_UNAVAILABLE',
        `tf.${String(key)} was used while the plugin module was being loaded on the page; tensors exist only in the engine worker, inside lowerings (apply, initWeights, hooks)`,
      );
    },
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** A `PLUGIN_MODULE` error about module `source`. */
export function pluginModuleError(source: string, message: string): NetwrightError {
  return new NetwrightError('PLUGIN_MODULE', `plugin module ${source}: ${message}`, { path: source });
}

function listOf(source: string, from: Record<string, unknown>, name: 'specs' | 'lowerings', where: string): Record<string, unknown>[] {
  const v = from[name];
  if (!Array.isArray(v)) {
    throw pluginModuleError(
      source,
      `${where} must have an array named "${name}" (found ${v === undefined ? 'nothing' : typeof v}); ` +
        'export `specs` and `lowerings` arrays, or a default function (sdk) => ({ specs, lowerings })',
    );
  }
  return (v as unknown[]).map((item, i) => {
    if (!isRecord(item) || typeof item.id !== 'string') throw pluginModuleError(source, `${name}[${i}] is not a plugin ${name === 'specs' ? 'spec' : 'lowering'} (no string id)`);
    return item;
  });
}

/** The object holding `specs` and `lowerings`: the module itself, or what its factory returns. */
function contentsOf(source: string, mod: Record<string, unknown>, sdk: NetwrightSdk): { from: Record<string, unknown>; where: string } {
  if (typeof mod.default !== 'function') return { from: mod, where: 'the module' };
  let made: unknown;
  try {
    made = (mod.default as (sdk: NetwrightSdk) => unknown)(sdk);
  } catch (e) {
    throw pluginModuleError(source, `its default export threw: ${errorMessage(e)}`);
  }
  if (!isRecord(made)) throw pluginModuleError(source, 'its default export must return { specs, lowerings }');
  return { from: made, where: 'the object its default export returns' };
}

/**
 * Checks an imported module namespace and returns its specs and lowerings.
 * @param mod - what `import()` gave
 * @param source - the module's name for messages (a path, URL or file name)
 * @param sdk - handed to a default-exported factory
 */
export function resolvePluginModule(mod: unknown, source: string, sdk: NetwrightSdk): PluginModuleContents {
  if (!isRecord(mod)) throw pluginModuleError(source, 'is not an ES module');
  const { from, where } = contentsOf(source, mod, sdk);
  const specs = listOf(source, from, 'specs', where);
  for (const [i, s] of specs.entries()) {
    if (typeof s.infer !== 'function') throw pluginModuleError(source, `specs[${i}] ("${String(s.id)}") has no infer(); build it with definePlugin`);
    if (typeof s.version !== 'string') throw pluginModuleError(source, `specs[${i}] ("${String(s.id)}") has no version`);
  }
  const lowerings = listOf(source, from, 'lowerings', where);
  const ids = new Set(specs.map((s) => s.id as string));
  for (const l of lowerings) {
    if (!ids.has(l.id as string)) throw pluginModuleError(source, `lowering "${String(l.id)}" has no spec in the same module`);
  }
  return { specs: specs as unknown as AnyPluginSpec[], lowerings: lowerings as unknown as AnyPluginLowering[] };
}
