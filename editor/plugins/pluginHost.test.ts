import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PluginModuleFactory } from '../../runtime/host/pluginModule.ts';
import { createEditorStore } from '../model/editorStore.ts';
import { addPluginNode, connectPorts } from '../model/graphActions.ts';
import { testSpecs } from '../../test/support/fakePlugins/spec/index.ts';
import { loadGraphText, serializeGraphText } from '../model/graphText.ts';
import { applyRegistry } from './applyRegistry.ts';
import { candidateFromUrl, sha256Hex, type ModuleCandidate } from './moduleCandidate.ts';
import { listModules, openPluginDb, type PluginDb } from './pluginDatabase.ts';
import { createPluginHost, type ModuleImporter, type PluginHostOptions } from './pluginHost.ts';

let dbSeq = 0;
const freshDb = () => openPluginDb(`plugin-test-db-${++dbSeq}`);

/** A standalone module (default factory) with one layer plugin `acme.scale` at `version`. */
function scaleModule(version: string, id = 'acme.scale'): { default: PluginModuleFactory } {
  return {
    default: ({ definePlugin, defineLowering, tensorValue, tf }) => {
      const spec = definePlugin({
        id,
        version,
        title: 'Scale',
        category: 'layers',
        role: 'layer',
        doc: 'y = 2x',
        inputs: { x: { kind: 'tensor', rank: 2 } },
        outputs: { y: { kind: 'tensor', rank: 2 } },
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

/** An importer serving modules by URL or by code text. */
function importerOf(modules: Record<string, unknown>): ModuleImporter & { calls: string[] } {
  const calls: string[] = [];
  const f = (m: { url?: string; code?: string }): Promise<unknown> => {
    const key = m.url ?? m.code ?? '';
    calls.push(key);
    if (!(key in modules)) return Promise.reject(new Error(`404 ${key}`));
    return Promise.resolve(modules[key]);
  };
  return Object.assign(f, { calls });
}

/** Serves every URL with the text {@link candidate} gives it by default, so hash checks pass. */
const servesDefaultCode = ((url: string) => Promise.resolve(new Response(`// ${url}`))) as typeof fetch;

/** A host over the test specs whose modules come from `importer`. */
function hostOf(db: PluginDb | undefined, importer: ModuleImporter, options: PluginHostOptions = {}) {
  return createPluginHost(testSpecs, db, { importer, fetcher: servesDefaultCode, ...options });
}

async function candidate(kind: 'url' | 'file', source: string, code = `// ${source}`): Promise<ModuleCandidate> {
  return { kind, source, ...(kind === 'url' ? { url: source } : {}), code, sha256: await sha256Hex(code), bytes: code.length };
}

describe('plugin host', () => {
  it('installs a confirmed module, lists it with versions, remembers it across starts, removes it', async () => {
    const db = await freshDb();
    const importer = importerOf({ 'https://x.test/scale.js': scaleModule('1.2.0'), '// scale-file.js': scaleModule('2.0.0', 'acme.other') });
    const host = hostOf(db, importer);
    await host.start();
    expect(host.getState().registry.get('acme.scale')).toBeUndefined();
    const r = await host.install(await candidate('url', 'https://x.test/scale.js'));
    expect(r.ok && r.module.plugins).toEqual([{ id: 'acme.scale', version: '1.2.0', title: 'Scale' }]);
    expect(host.getState().registry.get('acme.scale')?.version).toBe('1.2.0');
    const file = await host.install(await candidate('file', 'scale-file.js'));
    expect(file.ok).toBe(true);
    expect(host.workerModules()).toEqual([
      { source: 'https://x.test/scale.js', url: 'https://x.test/scale.js', sha256: await sha256Hex('// https://x.test/scale.js') },
      { source: 'scale-file.js', code: '// scale-file.js' },
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

  it('refuses a module that clashes with a built-in or fails to load, recording nothing', async () => {
    const db = await freshDb();
    const host = hostOf(db, importerOf({ 'https://x.test/clash.js': scaleModule('1.0.0', 'test.dense'), 'https://x.test/throws.js': { default: () => { throw new Error('boom'); } } }));
    await host.start();
    const clash = await host.install(await candidate('url', 'https://x.test/clash.js'));
    expect(clash.ok ? '' : clash.message).toMatch(/test\.dense.*the built-in plugins.*clash\.js|clash\.js.*test\.dense/);
    const throws = await host.install(await candidate('url', 'https://x.test/throws.js'));
    expect(throws.ok ? '' : throws.message).toBe('plugin module https://x.test/throws.js: its default export threw: boom');
    const missing = await host.install(await candidate('url', 'https://x.test/gone.js'));
    expect(missing.ok ? '' : missing.message).toMatch(/gone\.js failed to load: 404/);
    expect(await listModules(db)).toEqual([]);
    expect(host.getState().modules).toEqual([]);
  });

  it('contains a module that stops loading: it is listed with its error, the others load', async () => {
    const db = await freshDb();
    const modules: Record<string, unknown> = { 'https://x.test/a.js': scaleModule('1.0.0'), 'https://x.test/b.js': scaleModule('1.0.0', 'acme.b') };
    const first = hostOf(db, importerOf(modules));
    await first.install(await candidate('url', 'https://x.test/a.js'));
    await first.install(await candidate('url', 'https://x.test/b.js'));
    delete modules['https://x.test/a.js'];
    const next = hostOf(db, importerOf(modules));
    await next.start();
    expect(next.getState().modules.map((m) => m.error)).toEqual([expect.stringMatching(/a\.js failed to load: 404/), undefined]);
    expect(next.getState().registry.get('acme.b')).toBeDefined();
    expect(next.workerModules().map((m) => m.source)).toEqual(['https://x.test/b.js']);
  });

  it('gives up on a module whose import hangs, so the editor still starts', async () => {
    const db = await freshDb();
    const ok = hostOf(db, importerOf({ 'https://x.test/a.js': scaleModule('1.0.0') }));
    await ok.install(await candidate('url', 'https://x.test/a.js'));
    const hanging: ModuleImporter = () => new Promise(() => undefined);
    const host = hostOf(db, hanging, { timeoutMs: 50 });
    await host.start();
    expect(host.getState().modules[0]?.error).toBe('plugin module https://x.test/a.js failed to load: the import did not finish within 0.05 s');
  });

  it('pins a standalone URL module to its confirmed code: loaded from that copy, never fetched again', async () => {
    const db = await freshDb();
    const code = 'export default (sdk) => …';
    const importer = importerOf({ [code]: scaleModule('1.0.0') });
    const first = hostOf(db, importer);
    const r = await first.install({ ...(await candidate('url', 'https://x.test/standalone.js')), code, sha256: await sha256Hex(code) });
    expect(r.ok && r.module.code).toBe(code);
    expect(first.workerModules()).toEqual([{ source: 'https://x.test/standalone.js', code }]);
    const offline = (() => Promise.reject(new Error('offline'))) as typeof fetch;
    const next = hostOf(db, importer, { fetcher: offline });
    await next.start();
    expect(next.getState().modules[0]?.error).toBeUndefined();
    expect(next.getState().registry.get('acme.scale')?.version).toBe('1.0.0');
    expect(importer.calls).not.toContain('https://x.test/standalone.js');
  });

  it('does not run a URL module whose code changed since it was confirmed, until it is reviewed again', async () => {
    const db = await freshDb();
    const url = 'https://x.test/with-imports.js';
    const importer = importerOf({ [url]: scaleModule('1.0.0') });
    const first = hostOf(db, importer);
    const r = await first.install(await candidate('url', url));
    // Its code cannot run from a blob (it has imports): it is imported by URL and not pinned.
    expect(r.ok && r.module.code).toBeUndefined();
    expect(first.workerModules()).toEqual([{ source: url, url, sha256: await sha256Hex(`// ${url}`) }]);

    const changed = ((u: string) => Promise.resolve(new Response(`// ${u} v2`))) as typeof fetch;
    const next = hostOf(db, importer, { fetcher: changed });
    const calls = importer.calls.length;
    await next.start();
    expect(next.getState().modules[0]?.error).toMatch(/with-imports\.js changed since it was confirmed \(SHA-256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\), so it was not run/);
    expect(importer.calls.length).toBe(calls);
    expect(next.getState().registry.get('acme.scale')).toBeUndefined();
    expect(next.workerModules()).toEqual([]);

    // Reviewing the new code and confirming it installs it again.
    const again = await next.install(await candidateFromUrl(url, url, changed));
    expect(again.ok).toBe(true);
    expect(next.getState().modules.map((m) => m.error)).toEqual([undefined]);
    expect((await listModules(db))[0]?.sha256).toBe(await sha256Hex(`// ${url} v2`));
  });

  it('reads a module by URL with its hash and size, and refuses what is not a module URL', async () => {
    const code = 'export default () => ({ specs: [], lowerings: [] });';
    const fetcher = ((url: string) => Promise.resolve(url.endsWith('/ok.js') ? new Response(code) : new Response('nope', { status: 404 }))) as typeof fetch;
    const c = await candidateFromUrl('./plugins/ok.js', 'http://localhost:5173/index.html', fetcher);
    expect(c).toMatchObject({ kind: 'url', url: 'http://localhost:5173/plugins/ok.js', bytes: code.length, sha256: await sha256Hex(code) });
    expect(c.sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(candidateFromUrl('http://localhost:5173/missing.js', 'http://localhost:5173/', fetcher)).rejects.toThrow(/HTTP 404/);
    await expect(candidateFromUrl('javascript:alert(1)', 'http://localhost:5173/', fetcher)).rejects.toThrow(/only http and https/);
    await expect(candidateFromUrl('  ', 'http://localhost:5173/', fetcher)).rejects.toThrow(/enter the URL/);
  });
});

describe('applying a new registry to the open graph', () => {
  it('turns placeholders into nodes when their plugin is installed, and back when removed, saving unchanged', async () => {
    const host = hostOf(undefined, importerOf({ 'https://x.test/scale.js': scaleModule('1.0.0') }));
    await host.start();
    const store = createEditorStore(host.getState().registry);
    const withScale = hostOf(undefined, importerOf({ 'https://x.test/scale.js': scaleModule('1.0.0') }));
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
