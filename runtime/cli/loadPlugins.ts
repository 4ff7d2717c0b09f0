/**
 * Loads third-party plugin modules for the CLI (`--plugin MODULE`). A plugin module is an ES
 * module (TypeScript is fine: the CLI runs under tsx) that exports two arrays built only with
 * the public SDK: `specs` (from `definePlugin`) and `lowerings` (from `defineLowering`). The
 * module's plugins are registered after the built-ins; a duplicate id fails naming both sources.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import { builtinSpecs } from '../../plugins/index.ts';
import { createRegistry, NetwrightError, type AnyPluginSpec, type Registry } from '../sdk/index.ts';
import type { AnyPluginLowering } from '../exec/lowering.ts';

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

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function moduleError(path: string, message: string): NetwrightError {
  return new NetwrightError('E_PLUGIN_MODULE', `plugin module ${path}: ${message}`, { path });
}

/** A directory means its `index.ts`; anything else is taken as the module file itself. */
async function modulePath(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    if ((await stat(abs)).isDirectory()) return join(abs, 'index.ts');
  } catch {
    throw moduleError(path, 'no such file or directory');
  }
  return abs;
}

function listExport(path: string, mod: Record<string, unknown>, name: 'specs' | 'lowerings'): Record<string, unknown>[] {
  const v = mod[name];
  if (!Array.isArray(v)) {
    throw moduleError(path, `must export an array named "${name}" (found ${v === undefined ? 'nothing' : typeof v}); ` + 'e.g. export const specs = [mySpec]; export const lowerings = [myLowering];');
  }
  return (v as unknown[]).map((item, i) => {
    if (!isRecord(item) || typeof item.id !== 'string') throw moduleError(path, `${name}[${i}] is not a plugin ${name === 'specs' ? 'spec' : 'lowering'} (no string id)`);
    return item;
  });
}

/** Imports one module and checks its exports' shape; returns its specs and lowerings. */
export async function importPluginModule(path: string): Promise<{ specs: AnyPluginSpec[]; lowerings: AnyPluginLowering[] }> {
  const file = await modulePath(path);
  let mod: unknown;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    throw moduleError(path, `failed to load: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isRecord(mod)) throw moduleError(path, 'is not an ES module');
  const specs = listExport(path, mod, 'specs');
  for (const [i, s] of specs.entries()) {
    if (typeof s.infer !== 'function') throw moduleError(path, `specs[${i}] ("${String(s.id)}") has no infer(); build it with definePlugin`);
  }
  const lowerings = listExport(path, mod, 'lowerings');
  const ids = new Set(specs.map((s) => s.id as string));
  for (const l of lowerings) {
    if (!ids.has(l.id as string)) throw moduleError(path, `lowering "${String(l.id)}" has no spec in the same module`);
  }
  return { specs: specs as unknown as AnyPluginSpec[], lowerings: lowerings as unknown as AnyPluginLowering[] };
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
      throw new NetwrightError('E_PLUGIN_DUPLICATE', e instanceof Error ? e.message : String(e), { path });
    }
    for (const l of mod.lowerings) {
      const prev = lowerings.get(l.id);
      if (prev) throw new NetwrightError('E_PLUGIN_DUPLICATE', `duplicate lowering "${l.id}": registered by ${prev.source} and again by ${path}`, { path });
      lowerings.set(l.id, { lowering: l, source: path });
    }
    for (const s of mod.specs) {
      sources.set(s.id, path);
      external.push(s.id);
    }
  }
  return { registry, specs: registry.list(), lowerings: [...lowerings.values()].map((e) => e.lowering), external, sources };
}

/**
 * Takes every `--plugin MODULE` (or `--plugin=MODULE`) out of a command line, so commands
 * with a strict flag parser can accept the repeatable flag: returns the modules and the rest.
 */
export function splitPluginArgs(argv: readonly string[]): { modules: string[]; rest: string[] } {
  const modules: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a.startsWith('--plugin=')) modules.push(a.slice('--plugin='.length));
    else if (a === '--plugin') {
      const m = argv[i + 1];
      if (m === undefined || m.startsWith('--')) throw new NetwrightError('E_USAGE', '--plugin needs a module path');
      modules.push(m);
      i++;
    } else rest.push(a);
  }
  return { modules, rest };
}
