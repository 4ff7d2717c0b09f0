/**
 * The page's plugin host: the built-in specs plus every installed module's specs, as one
 * registry. Modules are imported on the page for their specs only (their lowerings run in the
 * engine worker, which imports the same code: {@link PluginHost.workerModules}). A module
 * that fails to load or clashes with another is contained: it is listed with its error and
 * its nodes stay placeholders; the editor and the other modules work on.
 *
 * Pinning: what runs is exactly the code the user confirmed. Every module is stored with that
 * code (a module with imports as its standalone bundle: moduleCandidate.ts) and imported from
 * it, on the page and in the worker, never by URL and never re-fetched between a check and the
 * import. A module that provides other plugins than it did when confirmed is not run. Develop
 * mode is the one exception the user chooses: such a module is rebuilt from the dev server at
 * every start and on every save (developModules.ts), and needs its own review to leave it.
 */
import { createPluginSdk, resolvePluginModule, type PluginModuleContents } from '../../runtime/host/pluginModule.ts';
import { createRegistry, errorMessage, type AnyPluginSpec, type Registry } from '../../runtime/sdk/index.ts';
import type { WorkerPluginModule } from '../../workers/engineApi.ts';
import { pollDevelopModules, type DevelopPoller } from './developModules.ts';
import { devBundle, sha256Hex, type ModuleCandidate } from './moduleCandidate.ts';
import { deleteModule, listModules, putModule, type InstalledModule, type PluginDb } from './pluginDatabase.ts';

/** An installed module and how loading it went this session. */
export interface HostedModule {
  readonly module: InstalledModule;
  /** Set when the module failed to load or register; its plugins are then unavailable. */
  readonly error?: string;
  /** Develop mode: how many saves were picked up this session, and the last rebuild's problem. */
  readonly develop?: { readonly reloads: number; readonly problem?: string };
}

/** What the plugin manager shows. */
export interface PluginHostState {
  readonly modules: readonly HostedModule[];
  readonly registry: Registry;
}

/** Imports a module from its code for its namespace; tests inject their own. */
export type ModuleImporter = (code: string) => Promise<unknown>;

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
  install(candidate: ModuleCandidate, options?: { readonly developing?: boolean }): Promise<{ ok: true; module: InstalledModule } | { ok: false; message: string }>;
  /** Forgets a module; its nodes become placeholders. */
  remove(key: string): Promise<void>;
  /** The modules the engine worker must import for their lowerings (loaded ones only), as code. */
  readonly workerModules: () => readonly WorkerPluginModule[];
  /** Stops watching modules in develop mode. */
  dispose(): void;
}

/** Imports code through a short-lived blob URL. */
export const browserImporter: ModuleImporter = async (code) => {
  const blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
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
  /** Fetches develop-mode modules' bundles from the dev server. */
  readonly fetcher?: typeof fetch;
  /** How often develop-mode modules are rebuilt (default 1000 ms). */
  readonly developPollMs?: number;
}

/** Plugins as "id version" text, for comparing and for messages. */
function pluginList(plugins: InstalledModule['plugins']): string {
  return plugins.length === 0 ? 'none' : plugins.map((p) => `${p.id} ${p.version}`).join(', ');
}

/** Creates a host over the built-in specs and (when IndexedDB is available) the plugin database. */
export function createPluginHost(builtins: readonly AnyPluginSpec[], db: PluginDb | undefined, options: PluginHostOptions = {}): PluginHost {
  const importer = options.importer ?? browserImporter;
  const timeoutMs = options.timeoutMs ?? MODULE_IMPORT_TIMEOUT_MS;
  const fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
  const base = createRegistry(builtins, BUILTIN_SOURCE);
  const sdk = createPluginSdk();
  const listeners = new Set<() => void>();
  /** Loaded contents by module key. */
  const contents = new Map<string, PluginModuleContents>();
  /** The code each loaded module runs, by key: the confirmed code, or a develop module's latest build. */
  const running = new Map<string, { code: string; sha256: string }>();
  let state: PluginHostState = { modules: [], registry: base };
  let poller: DevelopPoller | undefined;

  const emit = (): void => {
    for (const l of [...listeners]) l();
  };

  /** Imports `code` as module `key` (replacing what it ran before). */
  const load = async (key: string, source: string, code: string): Promise<PluginModuleContents> => {
    let ns: unknown;
    try {
      ns = await withTimeout(importer(code), timeoutMs, 'the import');
    } catch (e) {
      throw new Error(`plugin module ${source} failed to load: ${errorMessage(e)}`);
    }
    const c = resolvePluginModule(ns, source, sdk);
    contents.set(key, c);
    running.set(key, { code, sha256: await sha256Hex(code) });
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
      const develop = h.develop ? { develop: h.develop } : {};
      try {
        registry = registry.extend(c.specs, h.module.source);
        out.push({ module: h.module, ...develop });
      } catch (e) {
        out.push({ module: h.module, error: errorMessage(e), ...develop });
      }
    }
    return { modules: out, registry };
  };

  const pluginsOf = (c: PluginModuleContents): InstalledModule['plugins'] => c.specs.map((s) => ({ id: s.id, version: s.version, title: s.title }));

  /** Loads an installed, pinned module from its confirmed code, refusing anything else. */
  const loadPinned = async (m: InstalledModule): Promise<InstalledModule> => {
    if (m.code === undefined) {
      throw new Error(`plugin module ${m.source} was installed by an earlier version that imported it by URL at every start, so it is not run: use "Review again…" to confirm the code that will run`);
    }
    if ((await sha256Hex(m.code)) !== m.sha256) throw new Error(`plugin module ${m.source}: its stored code does not match the SHA-256 you confirmed, so it was not run: use "Review again…"`);
    const c = await load(m.key, m.source, m.code);
    const now = pluginsOf(c);
    if (pluginList(now) !== pluginList(m.plugins)) {
      contents.delete(m.key);
      running.delete(m.key);
      throw new Error(`plugin module ${m.source} now provides ${pluginList(now)} but provided ${pluginList(m.plugins)} when you confirmed it, so it was not run: use "Review again…"`);
    }
    return m;
  };

  /** Loads a develop-mode module from the dev server's latest build. */
  const loadDeveloping = async (m: InstalledModule): Promise<InstalledModule> => {
    const bundle = await devBundle(m.url ?? m.source, fetcher);
    const plugins = pluginsOf(await load(m.key, m.source, bundle.code));
    const module = { ...m, code: bundle.code, sha256: bundle.sha256, plugins };
    if (db) await putModule(db, module);
    return module;
  };

  /** A develop module's save: rebuilt, and reloaded when its code changed. */
  const reload = async (key: string): Promise<void> => {
    const h = state.modules.find((x) => x.module.key === key);
    if (!h?.module.developing) return;
    const reloads = h.develop?.reloads ?? 0;
    try {
      const bundle = await devBundle(h.module.url ?? h.module.source, fetcher);
      if (bundle.sha256 === running.get(key)?.sha256 && h.develop?.problem === undefined) return;
      const module = await loadDeveloping(h.module);
      state = build(state.modules.map((x) => (x.module.key === key ? { module, develop: { reloads: reloads + 1 } } : x)));
    } catch (e) {
      // Keep the last build running: a half-typed file should not take the node away.
      state = build(state.modules.map((x) => (x.module.key === key ? { ...x, develop: { reloads, problem: errorMessage(e) } } : x)));
    }
    emit();
  };

  const watchDevelopModules = (): void => {
    const keys = state.modules.filter((h) => h.module.developing).map((h) => h.module.key);
    if (keys.length === 0) {
      poller?.stop();
      poller = undefined;
    } else {
      poller ??= pollDevelopModules(() => state.modules.filter((h) => h.module.developing).map((h) => h.module.key), reload, options.developPollMs);
    }
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
          const module = m.developing ? await loadDeveloping(m) : await loadPinned(m);
          hosted.push({ module, ...(m.developing ? { develop: { reloads: 0 } } : {}) });
        } catch (e) {
          hosted.push({ module: m, error: errorMessage(e) });
        }
      }
      state = build(hosted);
      watchDevelopModules();
      emit();
    },
    async install(candidate, installOptions = {}) {
      const key = moduleKey(candidate);
      const developing = installOptions.developing === true;
      if (developing && candidate.url === undefined) return { ok: false, message: `${candidate.source}: only a module served by the dev server can be developed live` };
      const before = { contents: contents.get(key), running: running.get(key) };
      const restore = (): void => {
        if (before.contents && before.running) {
          contents.set(key, before.contents);
          running.set(key, before.running);
        } else {
          contents.delete(key);
          running.delete(key);
        }
      };
      let c: PluginModuleContents;
      try {
        // Only the confirmed code runs: there is no second way in (no import by URL).
        c = await load(key, candidate.source, candidate.code);
      } catch (e) {
        restore();
        return { ok: false, message: errorMessage(e) };
      }
      if (c.specs.length === 0) {
        restore();
        return { ok: false, message: `plugin module ${candidate.source} provides no plugins (its specs list is empty): there is nothing to install` };
      }
      const module: InstalledModule = {
        key,
        source: candidate.source,
        ...(candidate.url !== undefined ? { url: candidate.url } : {}),
        code: candidate.code,
        ...(developing ? { developing: true } : {}),
        kind: candidate.kind,
        sha256: candidate.sha256,
        bytes: candidate.bytes,
        installedAt: Date.now(),
        plugins: pluginsOf(c),
      };
      const others = state.modules.filter((h) => h.module.key !== key);
      const next = build([...others, { module, ...(developing ? { develop: { reloads: 0 } } : {}) }]);
      const clash = next.modules.find((h) => h.module.key === key)?.error;
      if (clash !== undefined) {
        restore();
        return { ok: false, message: clash };
      }
      if (db) await putModule(db, module);
      state = next;
      watchDevelopModules();
      emit();
      return { ok: true, module };
    },
    async remove(key) {
      if (db) await deleteModule(db, key);
      contents.delete(key);
      running.delete(key);
      state = build(state.modules.filter((h) => h.module.key !== key));
      watchDevelopModules();
      emit();
    },
    workerModules() {
      return state.modules.flatMap((h) => {
        const code = h.error === undefined ? running.get(h.module.key) : undefined;
        return code ? [{ source: h.module.source, code: code.code, sha256: code.sha256 }] : [];
      });
    },
    dispose() {
      poller?.stop();
      poller = undefined;
    },
  };
}
