/**
 * The page's plugin host: the built-in specs plus every installed module's specs, as one
 * registry. Modules are imported on the page for their specs only (their lowerings run in the
 * engine worker, which imports the same modules: {@link PluginHost.workerModules}). A module
 * that fails to load or clashes with another is contained: it is listed with its error and
 * its nodes stay placeholders; the editor and the other modules work on.
 */
import { changeSinceConfirmed } from '../../runtime/host/confirmedCode.ts';
import { createPluginSdk, resolvePluginModule, type PluginModuleContents } from '../../runtime/host/pluginModule.ts';
import { createRegistry, errorMessage, type AnyPluginSpec, type Registry } from '../../runtime/sdk/index.ts';
import type { WorkerPluginModule } from '../../workers/engineApi.ts';
import { candidateFromUrl, type ModuleCandidate } from './moduleCandidate.ts';
import { deleteModule, listModules, putModule, type InstalledModule, type PluginDb } from './pluginDatabase.ts';

/** An installed module and how loading it went this session. */
export interface HostedModule {
  readonly module: InstalledModule;
  /** Set when the module failed to load or register; its plugins are then unavailable. */
  readonly error?: string;
}

/** What the plugin manager shows. */
export interface PluginHostState {
  readonly modules: readonly HostedModule[];
  readonly registry: Registry;
}

/** Imports a module for its namespace; tests inject their own. */
export type ModuleImporter = (module: { readonly url?: string; readonly code?: string }) => Promise<unknown>;

/** The host. */
export interface PluginHost {
  readonly getState: () => PluginHostState;
  readonly subscribe: (listener: () => void) => () => void;
  /** Loads every installed module (each failure is recorded, never thrown). */
  start(): Promise<void>;
  /**
   * Runs a confirmed candidate and, if its plugins register, records it.
   * @returns the installed module, or the reason it was refused (nothing is recorded then)
   */
  install(candidate: ModuleCandidate): Promise<{ ok: true; module: InstalledModule } | { ok: false; message: string }>;
  /** Forgets a module; its nodes become placeholders. */
  remove(key: string): Promise<void>;
  /** The modules the engine worker must import for their lowerings (loaded ones only). */
  readonly workerModules: () => readonly WorkerPluginModule[];
}

/** Imports by URL, or code through a short-lived blob URL. */
export const browserImporter: ModuleImporter = async ({ url, code }) => {
  if (url !== undefined) return (await import(/* @vite-ignore */ url)) as unknown;
  const blobUrl = URL.createObjectURL(new Blob([code ?? ''], { type: 'text/javascript' }));
  try {
    return (await import(/* @vite-ignore */ blobUrl)) as unknown;
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
};

const BUILTIN_SOURCE = 'the built-in plugins';

/** How long a module may take to import before it counts as failed (the editor waits for it at start). */
export const MODULE_IMPORT_TIMEOUT_MS = 20_000;

/** `promise`, or a rejection once `ms` have passed. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} did not finish within ${String(ms / 1000)} s`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** The key a module is stored under: one entry per URL, one per file content. */
export function moduleKey(candidate: ModuleCandidate): string {
  return candidate.kind === 'url' ? `url:${candidate.url ?? candidate.source}` : `file:${candidate.source}:${candidate.sha256}`;
}


/** How a host imports and fetches modules; tests inject their own. */
export interface PluginHostOptions {
  readonly importer?: ModuleImporter;
  /** Import time limit (default {@link MODULE_IMPORT_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
  /** Fetches a URL module's code to check it against the confirmed SHA-256. */
  readonly fetcher?: typeof fetch;
}

/**
 * Creates a host over the built-in specs and (when IndexedDB is available) the plugin database.
 *
 * Pinning: a module runs only as the code the user confirmed. File modules and standalone URL
 * modules (no imports: they import from a blob of the confirmed code) are stored with their
 * code and loaded from that copy. A URL module with imports (TypeScript served by the dev
 * server) must be imported by URL: at every start its code is fetched and its SHA-256 compared
 * with the confirmed one first; a changed module is not run until the user reviews it again.
 */
export function createPluginHost(builtins: readonly AnyPluginSpec[], db: PluginDb | undefined, options: PluginHostOptions = {}): PluginHost {
  const importer = options.importer ?? browserImporter;
  const timeoutMs = options.timeoutMs ?? MODULE_IMPORT_TIMEOUT_MS;
  const fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
  const base = createRegistry(builtins, BUILTIN_SOURCE);
  const sdk = createPluginSdk();
  const listeners = new Set<() => void>();
  /** Loaded contents by module key. */
  const contents = new Map<string, PluginModuleContents>();
  let state: PluginHostState = { modules: [], registry: base };

  const emit = (): void => {
    for (const l of [...listeners]) l();
  };

  const load = async (m: { key: string; source: string; url?: string; code?: string }): Promise<PluginModuleContents> => {
    const known = contents.get(m.key);
    if (known) return known;
    let ns: unknown;
    try {
      ns = await withTimeout(importer(m.code !== undefined ? { code: m.code } : { url: m.url ?? '' }), timeoutMs, 'the import');
    } catch (e) {
      throw new Error(`plugin module ${m.source} failed to load: ${errorMessage(e)}`);
    }
    const c = resolvePluginModule(ns, m.source, sdk);
    contents.set(m.key, c);
    return c;
  };

  /** The registry of the built-ins plus `modules` in order; a clash marks the later module. */
  const build = (modules: readonly HostedModule[]): PluginHostState => {
    let registry = base;
    const out: HostedModule[] = [];
    for (const h of modules) {
      const c = contents.get(h.module.key);
      if (!c) {
        // Failed to load: keep its error. A module that loaded is checked afresh (a clash may be gone).
        out.push(h);
        continue;
      }
      try {
        registry = registry.extend(c.specs, h.module.source);
        out.push({ module: h.module });
      } catch (e) {
        out.push({ module: h.module, error: errorMessage(e) });
      }
    }
    return { modules: out, registry };
  };

  const pluginsOf = (c: PluginModuleContents): InstalledModule['plugins'] => c.specs.map((s) => ({ id: s.id, version: s.version, title: s.title }));

  /** Refuses a URL module imported by URL whose code is no longer the code the user confirmed. */
  const checkUnchanged = async (m: InstalledModule): Promise<void> => {
    if (m.kind !== 'url' || m.code !== undefined || m.url === undefined) return;
    let now: ModuleCandidate;
    try {
      now = await candidateFromUrl(m.url, m.url, fetcher);
    } catch (e) {
      throw new Error(`plugin module ${m.source} failed to load: ${errorMessage(e)}`);
    }
    const change = changeSinceConfirmed(now.code, m.sha256);
    if (change !== undefined) throw new Error(`plugin module ${m.source} ${change}, so it was not run: use "Review again…" to read and confirm the new code`);
  };

  /**
   * Loads a confirmed candidate. A URL module is first imported from its confirmed code (then
   * it is pinned to it); only if that fails (it has imports) is it imported by URL.
   */
  const loadCandidate = async (key: string, candidate: ModuleCandidate): Promise<{ contents: PluginModuleContents; pinned: boolean }> => {
    const base = { key, source: candidate.source };
    if (candidate.kind === 'url' && candidate.url !== undefined) {
      try {
        return { contents: await load({ ...base, code: candidate.code }), pinned: true };
      } catch {
        contents.delete(key);
        return { contents: await load({ ...base, url: candidate.url }), pinned: false };
      }
    }
    return { contents: await load({ ...base, code: candidate.code }), pinned: true };
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (!db) return;
      const hosted: HostedModule[] = [];
      for (const m of await listModules(db)) {
        try {
          await checkUnchanged(m);
          const c = await load(m);
          // Versions may have changed since install (a URL serves new code): keep the record true.
          const plugins = pluginsOf(c);
          const module = JSON.stringify(plugins) === JSON.stringify(m.plugins) ? m : { ...m, plugins };
          if (module !== m) await putModule(db, module);
          hosted.push({ module });
        } catch (e) {
          hosted.push({ module: m, error: errorMessage(e) });
        }
      }
      state = build(hosted);
      emit();
    },
    async install(candidate) {
      const key = moduleKey(candidate);
      let loaded: Awaited<ReturnType<typeof loadCandidate>>;
      try {
        contents.delete(key);
        loaded = await loadCandidate(key, candidate);
      } catch (e) {
        return { ok: false, message: errorMessage(e) };
      }
      const c = loaded.contents;
      const module: InstalledModule = {
        key,
        source: candidate.source,
        ...(candidate.url !== undefined ? { url: candidate.url } : {}),
        ...(loaded.pinned ? { code: candidate.code } : {}),
        kind: candidate.kind,
        sha256: candidate.sha256,
        bytes: candidate.bytes,
        installedAt: Date.now(),
        plugins: pluginsOf(c),
      };
      const others = state.modules.filter((h) => h.module.key !== key);
      const next = build([...others, { module }]);
      const clash = next.modules.find((h) => h.module.key === key)?.error;
      if (clash !== undefined) {
        contents.delete(key);
        return { ok: false, message: clash };
      }
      if (db) await putModule(db, module);
      state = next;
      emit();
      return { ok: true, module };
    },
    async remove(key) {
      if (db) await deleteModule(db, key);
      contents.delete(key);
      state = build(state.modules.filter((h) => h.module.key !== key));
      emit();
    },
    workerModules() {
      return state.modules
        .filter((h) => h.error === undefined)
        .map((h) => ({
          source: h.module.source,
          ...(h.module.code !== undefined ? { code: h.module.code } : { url: h.module.url ?? '', sha256: h.module.sha256 }),
        }));
    },
  };
}
