import { describe, expect, it } from 'vitest';
import { addNode, connect, move, rename, setData, setMeta } from '../graph/commands.ts';
import { emptyGraph, type GraphDoc } from '../graph/types.ts';
import { inferGraph } from '../infer/inferGraph.ts';
import { testRegistry } from '../../test/support/fakePlugins/spec/index.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import { MAX_FILE_CHARS, MAX_NODES } from './limits.ts';
import { loadGraph, type LoadResult } from './load.ts';
import { ENVELOPE_MIGRATIONS } from './migrate.ts';
import { serializeGraph } from './serialize.ts';

const registry = testRegistry();

function errorsOf(r: LoadResult): readonly Diagnostic[] {
  if (r.ok) throw new Error('expected the load to fail');
  return r.errors;
}

function docOf(r: LoadResult): GraphDoc {
  if (!r.ok) throw new Error(`load failed: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.doc;
}

function file(body: Record<string, unknown>): string {
  return `${JSON.stringify({ format: 'netwright.graph', version: 2, ...body }, null, 2)}\n`;
}

const pos = { x: 0, y: 0 };

function sampleDoc(): GraphDoc {
  let doc = emptyGraph();
  doc = addNode(doc, { id: 's', type: 'src', position: { x: 1.5, y: -2 } });
  doc = addNode(doc, {
    id: 'd1',
    type: 'lin',
    params: { bias: false, units: 3 },
    position: pos,
    label: 'hidden',
  });
  doc = connect(doc, { from: { node: 's', port: 'y' }, to: { node: 'd1', port: 'x' } });
  doc = setData(doc, { node: 'd1', data: { note: [1, { a: null }] } });
  return setMeta(doc, { meta: { title: 'demo', tags: ['x'] } });
}

describe('graph files: save and load', () => {
  it('round-trips a document and writes canonical text', () => {
    const text = serializeGraph(sampleDoc(), registry);
    const doc = docOf(loadGraph(text, registry));
    expect(doc).toEqual(sampleDoc());
    expect(serializeGraph(doc, registry)).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['format', 'version', 'plugins', 'meta', 'nodes', 'edges']);
    expect(parsed.plugins).toEqual({
      lin: { version: '1.1.0', migration: 1 },
      src: { version: '1.0.0', migration: 0 },
    });
    // Params in spec order (units before bias), whatever order they were set in.
    expect(text).toMatch(/"units": 3,\n\s+"bias": false/);
    expect(parsed.edges).toEqual([{ from: { node: 's', port: 'y' }, to: { node: 'd1', port: 'x' } }]);
  });

  it('keeps unknown plugins as placeholders that round-trip byte for byte', () => {
    const text = file({
      plugins: { 'acme.fancy': { version: '3.2.1', migration: 4 }, src: { version: '1.0.0', migration: 0 } },
      meta: {},
      nodes: {
        s: { type: 'src', params: {}, position: pos },
        f: {
          type: 'acme.fancy',
          params: { zeta: 1, alpha: [1, 2], mode: 'wild' },
          position: { x: 5, y: 6 },
          data: { k: { z: 1 } },
        },
        g: { type: 'acme.fancy', params: {}, position: pos },
      },
      edges: [
        { from: { node: 's', port: 'y' }, to: { node: 'f', port: 'in_0' } },
        { from: { node: 'f', port: 'out' }, to: { node: 'g', port: 'in_0' } },
      ],
    });
    const r = loadGraph(text, registry);
    const doc = docOf(r);
    expect(Object.keys(doc.placeholders)).toEqual(['f', 'g']);
    expect(doc.placeholders.f!.lockedVersion).toBe('3.2.1');
    expect(Object.keys(doc.edges)).toHaveLength(2);
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['FILE_UNKNOWN_PLUGIN']);
    expect(r.ok && r.warnings[0]!.message).toMatch(/"acme\.fancy" 3\.2\.1 .*"f", "g"/);
    expect(serializeGraph(doc, registry)).toBe(text);
    // Moving a placeholder changes its position and nothing else.
    const moved = serializeGraph(
      rename(move(doc, { positions: { f: { x: 9, y: 9 } } }), { node: 'g', label: 'L' }),
      registry,
    );
    const parsed = JSON.parse(moved) as { nodes: Record<string, Record<string, unknown>> };
    expect(parsed.nodes.f).toEqual({
      type: 'acme.fancy',
      params: { zeta: 1, alpha: [1, 2], mode: 'wild' },
      position: { x: 9, y: 9 },
      data: { k: { z: 1 } },
    });
    expect(parsed.nodes.g!.label).toBe('L');
  });

  it('reports JSON syntax errors with line and column', () => {
    const errors = errorsOf(loadGraph('{\n  "format": "netwright.graph",\n  "version": tru\n}', registry));
    expect(errors[0]).toMatchObject({ code: 'FILE_JSON_SYNTAX' });
    expect(errors[0]!.message).toMatch(/line 3, column 14/);
  });

  it('refuses other formats and newer versions with a clear message', () => {
    expect(errorsOf(loadGraph('{"format": "other"}', registry))[0]!.code).toBe('FILE_WRONG_FORMAT');
    expect(errorsOf(loadGraph('[1]', registry))[0]!.code).toBe('FILE_NOT_GRAPH');
    const newer = errorsOf(loadGraph(file({ version: 7, nodes: {} }), registry))[0]!;
    expect(newer.message).toBe(
      'this file was written by a newer Netwright (format version 7); this version reads up to 2',
    );
    expect(errorsOf(loadGraph(file({ version: 0, nodes: {} }), registry))[0]!.code).toBe(
      'FILE_UNSUPPORTED_VERSION',
    );
  });

  it('runs core envelope migrations (a made-up version 0 with positional links)', () => {
    const v0 = JSON.stringify({
      format: 'netwright.graph',
      version: 0,
      nodes: { s: { type: 'src', position: pos }, d: { type: 'lin', position: pos } },
      links: [['s', 'y', 'd', 'x']],
    });
    const envelopeMigrations = [
      {
        from: 0,
        name: 'links-to-edges',
        up: (f: Record<string, unknown>) => {
          const links = f.links as [string, string, string, string][];
          delete f.links;
          f.edges = links.map(([a, p, b, q]) => ({ from: { node: a, port: p }, to: { node: b, port: q } }));
          return f;
        },
      },
    ];
    const doc = docOf(loadGraph(v0, registry, { envelopeMigrations: [...envelopeMigrations, ...ENVELOPE_MIGRATIONS] }));
    expect(Object.keys(doc.edges)).toEqual(['s.y->d.x']);
    const broken = [
      {
        ...envelopeMigrations[0]!,
        up: () => {
          throw new Error('bad links');
        },
      },
    ];
    expect(errorsOf(loadGraph(v0, registry, { envelopeMigrations: broken }))[0]!.message).toMatch(
      /"links-to-edges" failed: bad links/,
    );
  });

  it('runs plugin migrations from the locked number and keeps nodes of newer plugins unchanged', () => {
    const old = file({
      plugins: { lin: { version: '1.0.0', migration: 0 } },
      nodes: { d: { type: 'lin', params: { width: 7 }, position: pos } },
    });
    const migrated = loadGraph(old, registry);
    expect(docOf(migrated).nodes.d!.params).toEqual({ units: 7 });
    const note = migrated.ok ? migrated.warnings.find((w) => w.code === 'FILE_PLUGIN_VERSION') : undefined;
    expect(note?.message).toMatch(/saved with plugin "lin" 1\.0\.0; the installed version is 1\.1\.0: its nodes were migrated \(migrations 0 to 1\)/);
    const futureText = file({
      plugins: { lin: { version: '9.0.0', migration: 5 } },
      nodes: { d: { type: 'lin', params: { width: 3, extra: true }, position: pos } },
    });
    const future = loadGraph(futureText, registry);
    expect(future.ok && future.warnings.map((w) => w.code)).toEqual(['FILE_PLUGIN_TOO_NEW']);
    expect(future.ok && future.warnings[0]!.message).toMatch(/newer plugin "lin" 9\.0\.0 \(migration 5\).*1\.1\.0.*up to 1.*kept exactly as saved/);
    const doc = docOf(future);
    expect(doc.placeholders.d).toMatchObject({ lockedVersion: '9.0.0', lockedMigration: 5 });
    // Saved back byte for byte: the node and the newer lock entry are untouched.
    expect(serializeGraph(doc, registry)).toBe(serializeGraph(docOf(loadGraph(serializeGraph(doc, registry), registry)), registry));
    expect(JSON.parse(serializeGraph(doc, registry))).toMatchObject({ plugins: { lin: { version: '9.0.0', migration: 5 } }, nodes: { d: { params: { width: 3, extra: true } } } });
    const unlocked = loadGraph(
      file({ nodes: { d: { type: 'lin', params: { units: 2 }, position: pos } } }),
      registry,
    );
    expect(unlocked.ok && unlocked.warnings.map((w) => w.code)).toEqual(['FILE_LOCK_MISSING']);
    const same = loadGraph(file({ plugins: { lin: { version: '1.1.0', migration: 1 } }, nodes: { d: { type: 'lin', params: { units: 2 }, position: pos } } }), registry);
    expect(same.ok && same.warnings).toEqual([]);
    const otherVersion = loadGraph(file({ plugins: { lin: { version: '1.1.7', migration: 1 } }, nodes: { d: { type: 'lin', params: { units: 2 }, position: pos } } }), registry);
    expect(otherVersion.ok && otherVersion.warnings[0]!.message).toMatch(/saved with plugin "lin" 1\.1\.7; the installed version is 1\.1\.0: the node format is the same/);
  });

  it('validates strictly, naming the JSON path', () => {
    const paths = (body: Record<string, unknown>) =>
      errorsOf(loadGraph(file(body), registry)).map((d) => d.path);
    expect(paths({ nodes: { d1: { type: 'lin', position: pos, extra: 1 } } })).toEqual(['nodes.d1.extra']);
    expect(paths({ nodes: { d1: { type: 'lin', params: { units: 0 }, position: pos } } })).toEqual([
      'nodes.d1.params.units',
    ]);
    expect(paths({ nodes: { d1: { type: 'lin', params: { unitz: 3 }, position: pos } } })).toEqual([
      'nodes.d1.params.unitz',
    ]);
    expect(paths({ nodes: { d1: { type: 'lin', position: { x: 'a', y: 0 } } } })).toEqual([
      'nodes.d1.position.x',
    ]);
    expect(paths({ nodes: { '1d': { type: 'lin', position: pos } } })).toEqual(['nodes.1d']);
    expect(paths({ nodes: {}, typo: true })).toEqual(['typo']);
    expect(
      paths({
        nodes: { a: { type: 'src', position: pos } },
        edges: [{ from: { node: 'a', port: 'y' }, to: { node: 'zz', port: 'x' } }],
      }),
    ).toEqual(['edges[0].to.node']);
  });

  it('refuses a second edge into one input', () => {
    const nodes = {
      a: { type: 'src', position: pos },
      b: { type: 'src', position: pos },
      d: { type: 'lin', position: pos },
    };
    const edges = [
      { from: { node: 'a', port: 'y' }, to: { node: 'd', port: 'x' } },
      { from: { node: 'b', port: 'y' }, to: { node: 'd', port: 'x' } },
    ];
    const e = errorsOf(loadGraph(file({ nodes, edges }), registry))[0]!;
    expect(e).toMatchObject({ code: 'FILE_INPUT_TAKEN', node: 'd', port: 'x', path: 'edges[1].to' });
  });

  it('guards against prototype pollution and non-finite numbers', () => {
    const hostile =
      '{"format":"netwright.graph","version":1,"nodes":{"__proto__":{"type":"src","position":{"x":0,"y":0},"polluted":true}}}';
    expect(errorsOf(loadGraph(hostile, registry))[0]).toMatchObject({
      code: 'FILE_BAD_VALUE',
      path: 'nodes.__proto__',
    });
    const ctor = file({ nodes: { constructor: { type: 'src', position: pos } } });
    expect(errorsOf(loadGraph(ctor, registry))[0]!.message).toMatch(/constructor.*reserved/);
    const param =
      '{"format":"netwright.graph","version":1,"nodes":{"a":{"type":"src","params":{"__proto__":{"x":1}},"position":{"x":0,"y":0}}}}';
    expect(errorsOf(loadGraph(param, registry))[0]!.path).toBe('nodes.a.params.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const inf =
      '{"format":"netwright.graph","version":1,"nodes":{"a":{"type":"src","position":{"x":1e999,"y":0}}}}';
    expect(errorsOf(loadGraph(inf, registry))[0]).toMatchObject({ path: 'nodes.a.position.x' });
  });

  it('treats names of Object.prototype members as plain ids and plugin types', () => {
    const text = file({
      plugins: {},
      meta: {},
      nodes: {
        s: { type: 'src', params: {}, position: pos },
        toString: { type: 'valueOf', params: {}, position: pos },
        hasOwnProperty: { type: 'src', params: {}, position: pos },
      },
      edges: [{ from: { node: 's', port: 'y' }, to: { node: 'toString', port: 'x' } }],
    });
    const r = loadGraph(text, registry);
    const doc = docOf(r);
    expect(Object.keys(doc.placeholders)).toEqual(['toString']);
    const inherited: string = 'toString';
    const alsoInherited: string = 'hasOwnProperty';
    expect(doc.placeholders[inherited]!.lockedVersion).toBeUndefined();
    const inferred = inferGraph(doc, registry);
    expect(inferred.diagnostics.map((d) => d.code)).toEqual(['INFER_PLACEHOLDER']);
    expect(inferred.nodes[alsoInherited]!.outputs.y).toEqual({
      kind: 'tensor',
      shape: [null, 2],
      dtype: 'float32',
    });
    expect(serializeGraph(doc, registry)).toBe(
      text.replace(
        '"plugins": {}',
        '"plugins": {\n    "src": {\n      "version": "1.0.0",\n      "migration": 0\n    }\n  }',
      ),
    );
  });

  it('refuses absurd sizes with the limit in the message', () => {
    const big = errorsOf(loadGraph(' '.repeat(MAX_FILE_CHARS + 1), registry))[0]!;
    expect(big.message).toMatch(/limit is 20 MB/);
    const nodes: Record<string, unknown> = {};
    for (let i = 0; i <= MAX_NODES; i++) nodes[`n${i}`] = { type: 'src', position: pos };
    const many = errorsOf(
      loadGraph(JSON.stringify({ format: 'netwright.graph', version: 1, nodes }), registry),
    )[0]!;
    expect(many).toMatchObject({ code: 'FILE_TOO_MANY_NODES' });
    expect(many.message).toMatch(/more than 20,000 nodes; the limit is 20,000/);
  });

  it('caps the number of reported errors', () => {
    const nodes: Record<string, unknown> = {};
    for (let i = 0; i < 150; i++) nodes[`n${i}`] = { type: 'lin', params: { units: -1 }, position: pos };
    const errors = errorsOf(loadGraph(file({ nodes }), registry));
    expect(errors).toHaveLength(101);
    expect(errors[100]!.message).toBe('... and 50 more errors');
  });
});
