/**
 * Third-party lowerings in the engine worker: imports plugin modules from the code the page
 * hands over (the code the user confirmed, as a data: URL of that text), resolves them with the
 * worker's `tf` and checks their ids against the built-ins. Nothing is imported by URL and
 * nothing is fetched: the code checked against the confirmed SHA-256 is the code imported.
 * Modules are cached by code, so re-sending the same set is cheap (an ES module cannot be
 * unloaded anyway) and a develop-mode module's new build is a new entry.
 */
import { builtinLowerings } from '../plugins/lowerings.ts';
import type { AnyPluginLowering } from '../runtime/lower/lowering.ts';
import { createPluginSdk, pluginModuleError, resolvePluginModule, type PluginModuleContents } from '../runtime/host/pluginModule.ts';
import { changeSinceConfirmed } from '../runtime/host/confirmedCode.ts';
import { tf } from '../runtime/exec/tf.ts';
import { errorMessage, NetwrightError } from '../runtime/sdk/index.ts';
import type { LoadedPluginModule, WorkerPluginModule } from './engineApi.ts';

const sdk = createPluginSdk(tf);

/** A module import that takes longer than this fails the run instead of hanging it. */
const IMPORT_TIMEOUT_MS = 30_000;

function importWithTimeout(url: string): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the import did not finish within ${IMPORT_TIMEOUT_MS / 1000} s`));
    }, IMPORT_TIMEOUT_MS);
  });
  return Promise.race([import(/* @vite-ignore */ url) as Promise<unknown>, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
const cache = new Map<string, Promise<PluginModuleContents>>();

async function importModule(m: WorkerPluginModule): Promise<PluginModuleContents> {
  if (typeof m.code !== 'string') throw pluginModuleError(m.source, 'came without its code: the engine worker runs only the code you confirmed');
  if (m.sha256 !== undefined) {
    const change = changeSinceConfirmed(m.code, m.sha256);
    if (change !== undefined) throw pluginModuleError(m.source, `${change}, so the engine worker did not run it: review it again in Plugins`);
  }
  try {
    // A data: URL of the checked text itself: nothing between the check and the import can change it.
    const mod = await importWithTimeout(`data:text/javascript;charset=utf-8,${encodeURIComponent(m.code)}`);
    return resolvePluginModule(mod, m.source, sdk);
  } catch (e) {
    if (e instanceof NetwrightError) throw e;
    throw pluginModuleError(m.source, `failed to load in the engine worker: ${errorMessage(e)}`);
  }
}

function cached(m: WorkerPluginModule): Promise<PluginModuleContents> {
  const key = `${m.sha256 ?? ''}:${m.code}`;
  let p = cache.get(key);
  if (!p) {
    p = importModule(m);
    // A failed import may succeed later (the server was down): do not cache failures.
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** The built-in lowerings plus those of every module, checked for duplicate ids. */
export async function loadPluginLowerings(modules: readonly WorkerPluginModule[]): Promise<{ lowerings: AnyPluginLowering[]; loaded: LoadedPluginModule[] }> {
  const sources = new Map<string, string>(builtinLowerings.map((l) => [l.id, 'the built-in plugins']));
  const lowerings: AnyPluginLowering[] = [...builtinLowerings];
  const loaded: LoadedPluginModule[] = [];
  for (const m of modules) {
    const contents = await cached(m);
    const versions = new Map(contents.specs.map((s) => [s.id, s.version]));
    for (const l of contents.lowerings) {
      const prev = sources.get(l.id);
      if (prev) throw new NetwrightError('PLUGIN_DUPLICATE', `plugin "${l.id}" of ${m.source} is already provided by ${prev}`, { path: m.source });
      sources.set(l.id, m.source);
      lowerings.push(l);
    }
    loaded.push({ source: m.source, plugins: contents.lowerings.map((l) => ({ id: l.id, version: versions.get(l.id) ?? '?' })) });
  }
  return { lowerings, loaded };
}
