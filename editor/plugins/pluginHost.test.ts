import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PluginModuleFactory } from '../../runtime/host/pluginModule.ts';
import { createEditorStore } from '../model/editorStore.ts';
import { addPluginNode, connectPorts } from '../model/graphActions.ts';
import { testSpecs } from '../../test/support/fakePlugins/spec/index.ts';
import { fakeLayer } from '../../test/support/fakePlugins/spec/builders.ts';
import { loadGraphText, serializeGraphText } from '../model/graphText.ts';
import { applyRegistry } from './applyRegistry.ts';
import { candidateFromUrl, sha256Hex, type ModuleCandidate } from './moduleCandidate.ts';
import { listModules, openPluginDb, putModule, type PluginDb } from './pluginDatabase.ts';
import { createPluginHost, type ModuleImporter, type PluginHostOptions } from './pluginHost.ts';

let dbSeq = 0;
const freshDb = () => openPluginDb(`plugin-test-db-${++dbSeq}`);

/** A standalone module (default factory) with one layer plugin `acme.scale` at `version`. */
function scaleModule(version: string, id = 'acme.scale'): { default: PluginModuleFactory } {
  return {
    default: ({ definePlugin, defineLowering, tensorValue, tf }) => {
      const spec = definePlugin({
        ...fakeLayer({ id, title: 'Scale', doc: 'y = 2x', rank: 2 }),
        version,
        params: {},
        infer: (ctx) => {
          const x = ctx.inputs.x;
          return x?.kind === 'tensor' ? { outputs: { y: tensorValue(x.shape) } } : ctx.fail('input "x" is not connected', { port: 'x' });
        },
      });
      return { specs: [spec], lowerings: [defineLowering(spec, { id, apply: ({ x }) => ({ y: tf.mul(x!, 2) }) })] };
    },
  };
}

/** An importer serving modules by their code text (what the host imports: only confirmed code). */
function importerOf(modules: Record<string, unknown>): ModuleImporter & { calls: string[] } {
  const calls: string[] = [];
  const f = (code: string): Promise<unknown> => {
    calls.push(code);
    if (!(code in modules)) return Promise.reject(new Error(`404 ${code}`));
    return Promise.resolve(modules[code]);
  };
  return Object.assign(f, { calls });
}

/** A fetcher that fails every request and records it: starts must never fetch a pinned module. */
function noNetwork(): typeof fetch & { urls: string[] } {
  const urls: string[] = [];
  const f = ((u: string) => {
    urls.push(u);
    return Promise.reject(new Error('offline'));
  }) as typeof fetch;
  return Object.assign(f, { urls });
}

/** A host over the test specs whose modules come from `importer`. */
function hostOf(db: PluginDb | undefined, importer: ModuleImporter, options: PluginHostOptions = {}) {
  return createPluginHost(testSpecs, db, { importer, fetcher: noNetwork(), ...options });
}

async function candidate(kind: 'url' | 'file', source: string, code = `// ${source}`): Promise<ModuleCandidate> {
  return { kind, source, ...(kind === 'url' ? { url: source } : {}), code, sha256: await sha256Hex(code), bytes: code.length };
}

describe('plugin host', () => {
  it('installs a confirmed module, lists it with versions, remembers it across starts, removes it', async () => {
    const db = await freshDb();
    const importer = importerOf({ '// https://x.test/scale.js': scaleModule('1.2.0'), '// scale-file.js': scaleModule('2.0.0', 'acme.other') });
    const host = hostOf(db, importer);
    await host.start();
    expect(host.getState().registry.get('acme.scale')).toBeUndefined();
    const r = await host.install(await candidate('url', 'https://x.test/scale.js'));
    expect(r.ok && r.module.plugins).toEqual([{ id: 'acme.scale', version: '1.2.0', title: 'Scale' }]);
    expect(host.getState().registry.get('acme.scale')?.version).toBe('1.2.0');
    const file = await host.install(await candidate('file', 'scale-file.js'));
    expect(file.ok).toBe(true);
    expect(host.workerModules()).toEqual([
      { source: 'https://x.test/scale.js', code: '// https://x.test/scale.js', sha256: await sha256Hex('// https://x.test/scale.js') },
      { source: 'scale-file.js', code: '// scale-file.js', sha256: await sha256Hex('// scale-file.js') },
    ]);

    // A new session (a reload) loads both from the database, in install order.
    const again = hostOf(db, importer);
    await again.start();
    expect(again.getState().modules.map((m) => [m.module.source, m.error])).toEqual([
      ['https://x.test/scale.js', undefined],
      ['scale-file.js', undefined],
    ]);
    expect(again.getState().registry.get('acme.other')?.version).toBe('2.0.0');

    await again.remove(again.getState().modules[0]!.module.key);
    expect(again.getState().registry.get('acme.scale')).toBeUndefined();
    expect((await listModules(db)).map((m) => m.source)).toEqual(['scale-file.js']);
  });

  it('refuses a module that clashes with a built-in, fails to load or provides no plugins, recording nothing', async () => {
    const db = await freshDb();
    const empty = 'export default () => ({ specs: [], lowerings: [] })';
    const host = hostOf(
      db,
      importerOf({
        '// https://x.test/clash.js': scaleModule('1.0.0', 'test.dense'),
        '// https://x.test/throws.js': { default: () => { throw new Error('boom'); } },
        [empty]: { default: () => ({ specs: [], lowerings: [] }) },
      }),
    );
    await host.start();
    const clash = await host.install(await candidate('url', 'https://x.test/clash.js'));
    expect(clash.ok ? '' : clash.message).toMatch(/test\.dense.*the built-in plugins.*clash\.js|clash\.js.*test\.dense/);
    const throws = await host.install(await candidate('url', 'https://x.test/throws.js'));
    expect(throws.ok ? '' : throws.message).toBe('plugin module https://x.test/throws.js: its default export threw: boom');
    const missing = await host.install(await candidate('url', 'https://x.test/gone.js'));
    expect(missing.ok ? '' : missing.message).toMatch(/gone\.js failed to load: 404/);
    const nothing = await host.install(await candidate('file', 'empty.js', empty));
    expect(nothing.ok ? '' : nothing.message).toBe('plugin module empty.js provides no plugins (its specs list is empty): there is nothing to install');
    expect(await listModules(db)).toEqual([]);
    expect(host.getState().modules).toEqual([]);
  });

  it('contains a module that stops loading: it is listed with its error, the others load', async () => {
    const db = await freshDb();
    const modules: Record<string, unknown> = { '// https://x.test/a.js': scaleModule('1.0.0'), '// https://x.test/b.js': scaleModule('1.0.0', 'acme.b') };
    const first = hostOf(db, importerOf(modules));
    await first.install(await candidate('url', 'https://x.test/a.js'));
    await first.install(await candidate('url', 'https://x.test/b.js'));
    delete modules['// https://x.test/a.js'];
    const next = hostOf(db, importerOf(modules));
    await next.start();
    expect(next.getState().modules.map((m) => m.error)).toEqual([expect.stringMatching(/a\.js failed to load: 404/), undefined]);
    expect(next.getState().registry.get('acme.b')).toBeDefined();
    expect(next.workerModules().map((m) => m.source)).toEqual(['https://x.test/b.js']);
  });

  it('gives up on a module whose import hangs, so the editor still starts', async () => {
    const db = await freshDb();
    const ok = hostOf(db, importerOf({ '// https://x.test/a.js': scaleModule('1.0.0') }));
    await ok.install(await candidate('url', 'https://x.test/a.js'));
    const hanging: ModuleImporter = () => new Promise(() => undefined);
    const host = hostOf(db, hanging, { timeoutMs: 50 });
    await host.start();
    expect(host.getState().modules[0]?.error).toBe('plugin module https://x.test/a.js failed to load: the import did not finish within 0.05 s');
  });
});

describe('pinning without gaps', () => {
  it('runs only the confirmed code: a module whose code cannot run from its copy is refused, never imported by URL', async () => {
    const db = await freshDb();
    const url = 'https://x.test/with-imports.js';
    // The importer knows the module only by URL, as the old fallback imported it.
    const importer = importerOf({ [url]: scaleModule('1.0.0') });
    const host = hostOf(db, importer);
    const r = await host.install(await candidate('url', url));
    expect(r.ok ? '' : r.message).toMatch(/with-imports\.js failed to load/);
    expect(importer.calls).toEqual([`// ${url}`]);
    expect(await listModules(db)).toEqual([]);
  });

  it('never fetches at start: every module loads from its stored, confirmed copy, also with the network down', async () => {
    const db = await freshDb();
    const code = 'export default (sdk) => …';
    const importer = importerOf({ [code]: scaleModule('1.0.0') });
    await hostOf(db, importer).install({ ...(await candidate('url', 'https://x.test/standalone.js')), code, sha256: await sha256Hex(code) });
    const fetcher = noNetwork();
    const next = hostOf(db, importer, { fetcher });
    await next.start();
    expect(next.getState().modules[0]?.error).toBeUndefined();
    expect(next.getState().registry.get('acme.scale')?.version).toBe('1.0.0');
    expect(fetcher.urls).toEqual([]);
    expect(next.workerModules()).toEqual([{ source: 'https://x.test/standalone.js', code, sha256: await sha256Hex(code) }]);
  });

  it('does not run a record without confirmed code (imported by URL by earlier versions) or whose stored code does not match its hash', async () => {
    const db = await freshDb();
    const url = 'https://x.test/old.js';
    const base = { kind: 'url' as const, source: url, url, bytes: 10, installedAt: 1, plugins: [{ id: 'acme.scale', version: '1.0.0', title: 'Scale' }] };
    await putModule(db, { ...base, key: `url:${url}`, sha256: await sha256Hex('x') });
    await putModule(db, { ...base, key: 'url:tampered', source: 'tampered.js', code: '// tampered', sha256: await sha256Hex('// original'), installedAt: 2 });
    const importer = importerOf({ [url]: scaleModule('1.0.0'), '// tampered': scaleModule('1.0.0', 'acme.t') });
    const host = hostOf(db, importer);
    await host.start();
    expect(host.getState().modules.map((m) => m.error)).toEqual([
      expect.stringMatching(/old\.js was installed by an earlier version that imported it by URL at every start, so it is not run: use "Review again…"/),
      expect.stringMatching(/tampered\.js: its stored code does not match the SHA-256 you confirmed, so it was not run/),
    ]);
    expect(importer.calls).toEqual([]);
    expect(host.workerModules()).toEqual([]);
  });

  it('a module that provided nothing when confirmed cannot register plugins later with the stored hash still matching', async () => {
    const db = await freshDb();
    const code = 'export default (sdk) => (globalThis.later ? … : nothing)';
    await putModule(db, { key: 'file:sneaky.js', kind: 'file', source: 'sneaky.js', code, sha256: await sha256Hex(code), bytes: code.length, installedAt: 1, plugins: [] });
    const host = hostOf(db, importerOf({ [code]: scaleModule('1.0.0', 'acme.unreviewed') }));
    await host.start();
    expect(host.getState().modules[0]?.error).toBe('plugin module sneaky.js now provides acme.unreviewed 1.0.0 but provided none when you confirmed it, so it was not run: use "Review again…"');
    expect(host.getState().registry.get('acme.unreviewed')).toBeUndefined();
    expect(host.workerModules()).toEqual([]);
    expect((await listModules(db))[0]?.plugins).toEqual([]);
  });

  it('reads a standalone module by URL with its hash and size, and refuses what is not a module URL', async () => {
    const code = 'export default () => ({ specs: [], lowerings: [] });';
    const fetcher = ((url: string) => Promise.resolve(url.endsWith('/ok.js') ? new Response(code) : new Response('nope', { status: 404 }))) as typeof fetch;
    const c = await candidateFromUrl('./plugins/ok.js', 'http://localhost:5173/index.html', fetcher);
    expect(c).toMatchObject({ kind: 'url', url: 'http://localhost:5173/plugins/ok.js', bytes: code.length, sha256: await sha256Hex(code) });
    expect(c.bundled).toBeUndefined();
    await expect(candidateFromUrl('http://localhost:5173/missing.js', 'http://localhost:5173/', fetcher)).rejects.toThrow(/HTTP 404/);
    await expect(candidateFromUrl('javascript:alert(1)', 'http://localhost:5173/', fetcher)).rejects.toThrow(/only http and https/);
    await expect(candidateFromUrl('  ', 'http://localhost:5173/', fetcher)).rejects.toThrow(/enter the URL/);
  });

  it('confirms a module with imports as its dev-server bundle, and refuses it where there is no bundler', async () => {
    const entry = 'import { definePlugin } from "/runtime/sdk/index.ts";\nexport const specs = [];';
    const bundle = 'export default function netwrightPlugin(sdk) { return { specs: [], lowerings: [] }; }';
    const dev = (async (url: string) => {
      if (url.endsWith('/p/index.ts')) return new Response(entry);
      if (url.includes('/__netwright/plugin-bundle?path=%2Fp%2Findex.ts')) return Response.json({ code: bundle, sha256: await sha256Hex(bundle), inputs: ['p/index.ts'] });
      return new Response('', { status: 404 });
    }) as typeof fetch;
    const c = await candidateFromUrl('/p/index.ts', 'http://localhost:5173/', dev);
    expect(c).toMatchObject({ kind: 'url', url: 'http://localhost:5173/p/index.ts', code: bundle, sha256: await sha256Hex(bundle), bundled: true });
    const production = ((url: string) => Promise.resolve(url.endsWith('/p/index.ts') ? new Response(entry) : new Response('', { status: 404 }))) as typeof fetch;
    await expect(candidateFromUrl('/p/index.ts', 'http://localhost:4173/', production)).rejects.toThrow(
      /index\.ts imports other modules \("\/runtime\/sdk\/index\.ts"\).*Bundle it with `npx netwright plugin bundle DIR -o NAME\.plugin\.js` and install that file/,
    );
  });
});

describe('develop mode', () => {
  /** A dev server whose bundle of /dev/index.ts is whatever `served.code` holds now. */
  function devServer(served: { code: string }): typeof fetch {
    return (async (url: string) => {
      if (!url.includes('/__netwright/plugin-bundle?path=%2Fdev%2Findex.ts')) return new Response('', { status: 404 });
      if (served.code === 'a save that does not build') return Response.json({ error: '/dev/index.ts could not be bundled: dev/lower.ts:3: Expected ";"' }, { status: 422 });
      return Response.json({ code: served.code, sha256: await sha256Hex(served.code), inputs: [] });
    }) as typeof fetch;
  }

  it('reloads a developing module on every save, keeps the last build through a broken save, and keeps it across starts', async () => {
    const db = await freshDb();
    const served = { code: '// v1' };
    const importer = importerOf({ '// v1': scaleModule('0.1.0', 'acme.dev'), '// v2': scaleModule('0.2.0', 'acme.dev') });
    const host = hostOf(db, importer, { fetcher: devServer(served), developPollMs: 5 });
    const url = 'http://localhost:5173/dev/index.ts';
    const r = await host.install({ ...(await candidate('url', url, '// v1')), bundled: true }, { developing: true });
    expect(r.ok && r.module.developing).toBe(true);
    expect(host.getState().registry.get('acme.dev')?.version).toBe('0.1.0');

    served.code = 'a save that does not build';
    await expect.poll(() => host.getState().modules[0]?.develop?.problem).toMatch(/dev\/lower\.ts:3: Expected ";"/);
    expect(host.getState().registry.get('acme.dev')?.version).toBe('0.1.0');

    served.code = '// v2';
    await expect.poll(() => host.getState().registry.get('acme.dev')?.version).toBe('0.2.0');
    expect(host.getState().modules[0]?.develop).toEqual({ reloads: 1 });
    expect(host.workerModules()).toEqual([{ source: url, code: '// v2', sha256: await sha256Hex('// v2') }]);
    host.dispose();

    // The next start rebuilds it from the dev server again (it is not pinned while developing).
    const next = hostOf(db, importer, { fetcher: devServer(served), developPollMs: 5 });
    await next.start();
    expect(next.getState().modules[0]?.develop).toEqual({ reloads: 0 });
    expect(next.getState().registry.get('acme.dev')?.version).toBe('0.2.0');
    // Leaving develop mode is a fresh review and a pinned install of the code confirmed then.
    const pinned = await next.install(await candidate('url', url, '// v2'));
    expect(pinned.ok && pinned.module.developing).toBeUndefined();
    served.code = '// v1';
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(next.getState().registry.get('acme.dev')?.version).toBe('0.2.0');
    next.dispose();
  });
});

describe('applying a new registry to the open graph', () => {
  it('turns placeholders into nodes when their plugin is installed, and back when removed, saving unchanged', async () => {
    const host = hostOf(undefined, importerOf({ '// https://x.test/scale.js': scaleModule('1.0.0') }));
    await host.start();
    const store = createEditorStore(host.getState().registry);
    const withScale = hostOf(undefined, importerOf({ '// https://x.test/scale.js': scaleModule('1.0.0') }));
    await withScale.install(await candidate('url', 'https://x.test/scale.js'));
    // Build the graph with the plugin present, then open it in the store without it.
    const builder = createEditorStore(withScale.getState().registry);
    const a = addPluginNode(builder, 'test.source', { x: 0, y: 0 })!;
    const s = addPluginNode(builder, 'acme.scale', { x: 200, y: 0 })!;
    expect(connectPorts(builder, { node: a, port: 'x' }, { node: s, port: 'x' })).toBeUndefined();
    const text = serializeGraphText(builder.getState().doc, builder.registry);

    const opened = loadGraphText(text, store.registry);
    if (!opened.ok) throw new Error(opened.message);
    store.load(opened.doc, 'g1');
    expect(store.getState().missingPlugins).toEqual(['acme.scale']);

    host.subscribe(() => applyRegistry(store, host.getState().registry));
    await host.install(await candidate('url', 'https://x.test/scale.js'));
    expect(store.getState().missingPlugins).toEqual([]);
    expect(store.getState().inference.nodes[s]?.outputs.y).toMatchObject({ kind: 'tensor', shape: [null, 2] });
    expect(serializeGraphText(store.getState().doc, store.registry)).toBe(text);

    await host.remove(host.getState().modules[0]!.module.key);
    expect(store.getState().missingPlugins).toEqual(['acme.scale']);
    expect(serializeGraphText(store.getState().doc, store.registry)).toBe(text);
  });
});
