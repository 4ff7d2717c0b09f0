/**
 * Third-party lowerings in the engine worker: imports plugin modules (by URL, or from code via
 * a blob URL), resolves them with the worker's `tf` and checks their ids against the
 * built-ins. A URL module that comes with the SHA-256 the user confirmed is fetched and
 * checked first. Modules are cached by URL (and hash) or code, so re-sending the same set is
 * cheap (an ES module cannot be unloaded anyway).
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


/** Refuses a URL module whose code is no longer the code the user confirmed. */
async function checkConfirmed(source: string, url: string, sha256: string): Promise<void> {
  let text: string;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${String(response.status)}`);
    text = await response.text();
  } catch (e) {
    throw pluginModuleError(source, `could not be fetched in the engine worker: ${errorMessage(e)}`);
  }
  const change = changeSinceConfirmed(text, sha256);
  if (change !== undefined) throw pluginModuleError(source, `${change}, so the engine worker did not run it: review it again in Plugins`);
}

async function importModule(m: WorkerPluginModule): Promise<PluginModuleContents> {
  if (m.url !== undefined && m.sha256 !== undefined) await checkConfirmed(m.source, m.url, m.sha256);
  let url = m.url;
  let blobUrl: string | undefined;
  if (url === undefined) {
    if (m.code === undefined) throw pluginModuleError(m.source, 'has neither a URL nor code');
    blobUrl = URL.createObjectURL(new Blob([m.code], { type: 'text/javascript' }));
    url = blobUrl;
  }
  try {
    const mod = await importWithTimeout(url);
    return resolvePluginModule(mod, m.source, sdk);
  } catch (e) {
    if (e instanceof NetwrightError) throw e;
    throw pluginModuleError(m.source, `failed to load in the engine worker: ${errorMessage(e)}`);
  } finally {
    if (blobUrl) URL.revokeObjectURL(blobUrl);
  }
}

function cached(m: WorkerPluginModule): Promise<PluginModuleContents> {
  const key = m.url !== undefined ? `${m.url}#${m.sha256 ?? ''}` : `code:${m.code ?? ''}`;
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
