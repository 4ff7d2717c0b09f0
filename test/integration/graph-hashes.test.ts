/**
 * Pins graph hashes byte for byte: the hash of every example graph in `graphs/` and of a few
 * strings, recorded as literals. A change to the SHA-256 implementation, to canonical JSON or to
 * what {@link graphHash} covers must keep these (saved weights name the graph they fit by this
 * hash). A plugin version bump or a changed default legitimately changes a graph's hash: then
 * update that graph's line, and say so in the commit. Cross-cutting on purpose: it uses the real
 * built-in plugins, like `load-example-graphs.test.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import { inferGraph } from '../../runtime/infer/inferGraph.ts';
import { graphHash } from '../../runtime/compile/compile.ts';
import { sha256Hex } from '../../runtime/compile/hash.ts';

const GRAPH_HASHES: Readonly<Record<string, string>> = {
  'apmask-imp-ap.graph.json': 'de94f86ccfe99abce018096dd19d72890839f0c557a0cf2d37f11502928282ea',
  'apmask-imp.graph.json': '7ce2e428536c0b83de8062a1dcc166a945b278685bb6b9ad21ab7d1d98a4d3ca',
  'batchnorm-heavy-tails.graph.json': '061ba3c462937b27ee86c02dbb644908eef1b5094d43dc92cb08566d26304852',
  'biper-blobs-sign-ste.graph.json': '2c586a2f2aed30e417a9e73215aaaed14fb384fd7e39ab399b4e2c1b41959051',
  'biper-blobs.graph.json': '234b23007f87406fd4febdb66afed289f5c6d594db00f91c55497592121eb108',
  'digits-biper-conv.graph.json': 'dce0160b569b677d4529f8bfc3439de5ccb6d7dbc410539936060e122764043d',
  'digits-conv.graph.json': 'bc54a2c0722d593daf362990ad40b373b9ad715a197f69c5fb7af55bad8baa79',
  'digits-quadratic-conv.graph.json': '5e584532dfad25504efe538ec44d33ba6bb616af5debe6a2644826e227906ab4',
  'gla-char-lm.graph.json': '361af95e342c586c777342715fc2beee3514013188858ff2bb234a27b0c059f5',
  'gla-associative-recall.graph.json': 'f36f379e4b59241e5396037e9983fa51ef79445c479c123f21bd30529a08798c',
  'gla-lm-4-layers.graph.json': '06e66ce4ab43b628c424a6d20752956ef79e3edd2f4165144bd1de80d158f344',
  'lrrefiner-linear-high.graph.json': '695e036f56817471302e3cb5b62c60e2ccbb5fa1f6050604b85dbbf3bb2502ad',
  'lrrefiner-linear.graph.json': 'd0441a1b8c6b939fec4fdcca81f1b9b276de0228112d6dafe1e49faeb10bd8d8',
  'lrrefiner-refined-high.graph.json': 'a02a73ab9aa98c1640a262b014a0268d7aacf58fe1c92bbcfb0455b6e7b10ca0',
  'lrrefiner-refined.graph.json': 'b0c302ae02b9421ce7d7cb0227b7e3cf541abf05cc993aada7bc8b467a98c1fa',
  'lssl-char-lm.graph.json': 'c3f6f0a6822ee3504e0cf6942db79c54425a5260770a9ea155dbb3161a60d2a0',
  'lssl-long-memory-baseline.graph.json': '97a039888eedbdfe0c8ed6c8cc352b931654c0b7fe8e5375658f8acf2cef8ac6',
  'lssl-long-memory.graph.json': 'f6bb53dd8d622d449f80353ef751610cb5fcebdb1588cdc072d8f22d9b1d2271',
  'lssl-stack.graph.json': 'e60decf8bd98182cc6760689ae9d20e6d2e7b4140be46b288474e8cfa8e75448',
  'powernorm-heavy-tails.graph.json': '5dd8c9aa34b10ae291350624e409bcd79abde69b67d959d6b4e5890c350fd85a',
  'quadratic-deep-plain.graph.json': 'e264741fd2a5c43e81bd9c200950f2a0e4294339c4eba4a020559689c546f3f3',
  'quadratic-deep-relinear.graph.json': '189112c6a4514013d9d78bc2966d77a883353c2616b6ee4f2e3eeb9899b0cdba',
  'quadratic-spirals-baseline.graph.json': '95413da412f6f907b484888377294227eabcc2337ce82f53f0f2be56bf11a6c2',
  'quadratic-spirals.graph.json': '6c3f7300a723586ac5bfdad41ca20a43276db29a25256ad02febd34b16d6517e',
  'two-spirals-mlp.graph.json': '2238d141f5e6ada03afbfba28187a467d70b22cf3f1b73c9e9e1d4af31aa4fdf',
};

/** [text, SHA-256 of its UTF-8 bytes]: padding boundaries (55, 56, 64 bytes), two blocks, non-ASCII. */
const STRING_HASHES: readonly (readonly [string, string])[] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['a'.repeat(55), '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318'],
  ['a'.repeat(56), 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
  ['a'.repeat(64), 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2),
    '59f109d9533b2b70e7c3b814a2bd218f78ea5d3714455bc67987cf0d664399cf',
  ],
  ['naïve café — 数学 😀', '2dca4a69c8f2852dcbb029358df75c3555f50317ee0df65d52849e8461621c51'],
  ['lone \ud800 surrogate', 'dc12673580894e234a7f878d6c2c065ca6a14fe3833c4545417dacb2e196fe2c'],
];

const dir = new URL('../../graphs/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.graph.json'));

describe('graph hashes stay byte for byte', () => {
  const registry = builtinRegistry();

  it('pins every example graph (a new one needs its line here)', () => {
    expect([...files].sort()).toEqual(Object.keys(GRAPH_HASHES).sort());
  });

  it.each(files)('%s', (name) => {
    const loaded = loadGraph(readFileSync(new URL(name, dir), 'utf8'), registry);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    expect(graphHash(loaded.doc, registry, inferGraph(loaded.doc, registry))).toBe(GRAPH_HASHES[name]);
  });

  it.each(STRING_HASHES)('sha256Hex(%j)', (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
  });
});
