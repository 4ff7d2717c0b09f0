import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test/support/tempDir.ts';
import { runCliCaptured } from './testkit.ts';

const dir = useTempDir('nw-attach-');
const TEXT = 'the quick brown fox jumps over the lazy dog. '.repeat(20);

/** A tiny char-level language model on `dataset`, with the given recorded size, hash and vocab. */
function lmGraph(corpus: Record<string, unknown>): string {
  const lock = (ids: string[]): Record<string, unknown> => Object.fromEntries(ids.map((id) => [id, { version: '1.0.0', migration: 0 }]));
  const node = (type: string, params: Record<string, unknown>, x: number) => ({ type, params, position: { x, y: 0 } });
  const edge = (a: string, p: string, b: string, q: string) => ({ from: { node: a, port: p }, to: { node: b, port: q } });
  return JSON.stringify({
    format: 'netwright.graph',
    version: 1,
    plugins: lock(['adam', 'cross-entropy', 'dense', 'embedding', 'text-corpus']),
    meta: { title: 'tiny lm' },
    nodes: {
      data: node('text-corpus', { context: 8, evalWindows: 4, ...corpus }, 0),
      emb: node('embedding', { vocabSize: 32, dim: 8 }, 1),
      head: node('dense', { units: 32 }, 2),
      loss: node('cross-entropy', {}, 3),
      opt: node('adam', { steps: 3, batchSize: 4, evalEvery: 0 }, 4),
    },
    edges: [edge('data', 'x', 'emb', 'x'), edge('emb', 'y', 'head', 'x'), edge('head', 'y', 'loss', 'pred'), edge('data', 'y', 'loss', 'target'), edge('loss', 'loss', 'opt', 'loss')],
  });
}

async function setUp(corpus: Record<string, unknown>, files: Record<string, string | Uint8Array>): Promise<string> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir(), name), content);
  const graph = join(dir(), `g${Math.random().toString(36).slice(2)}.graph.json`);
  await writeFile(graph, lmGraph(corpus));
  return graph;
}

describe('train with a text corpus', () => {
  it('finds the file next to the graph, records name, size, hash and vocabulary, and gives bits per character', async () => {
    const graph = await setUp({ dataset: 'fox.txt', size: 0, sha256: '', vocab: '' }, { 'fox.txt': TEXT });
    const saved = join(dir(), 'saved.graph.json');
    const r = await runCliCaptured('train', graph, '--save-graph', saved);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.err).toMatch(/data: node "data": fox\.txt \(900 bytes, 900 chars, vocabulary 28\); unigram baseline on the held-out tail \d\.\d{3} bits\/char/);
    expect(r.out).toMatch(/loss \d\.\d{3} nats = \d\.\d{3} bits\/char \(unigram baseline \d\.\d{3} bits\/char\)/);
    const params = (JSON.parse(await readFile(saved, 'utf8')) as { nodes: { data: { params: Record<string, unknown> } } }).nodes.data.params;
    expect(params).toMatchObject({ dataset: 'fox.txt', size: 900, vocab: [...new Set(TEXT)].sort().join('') });
    expect(params.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(params)).not.toContain('quick brown');
  });

  it('refuses a file with another hash before training unless --new-data, and names both', async () => {
    const graph = await setUp({ dataset: 'fox.txt', size: 900, sha256: 'b'.repeat(64), vocab: '' }, { 'fox.txt': TEXT });
    const r = await runCliCaptured('train', graph);
    expect(r.code).toBe(1);
    expect(r.out).toContain(': data/dataset: fox.txt has SHA-256');
    expect(r.out).toContain('but the graph was made with "fox.txt" (900 bytes, SHA-256 bbbbbbbbbbbb…): pass that file, or add --new-data');
    expect(r.out).not.toContain('trained');
    expect((await runCliCaptured('train', graph, '--new-data')).code).toBe(0);
  });

  it('says where it looked for a missing file and takes --data NODE=PATH', async () => {
    const graph = await setUp({ dataset: 'gone.txt', size: 0, sha256: '', vocab: '' }, { 'other.txt': TEXT });
    const r = await runCliCaptured('train', graph);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/: data\/dataset: dataset "gone\.txt" is not on this machine \(looked in .*gone\.txt.*\): pass --data data\.dataset=PATH/);
    expect((await runCliCaptured('train', graph, '--data', `data=${join(dir(), 'other.txt')}`)).code).toBe(0);
  });

  it('refuses a binary file, an empty file and a character outside the saved vocabulary, naming file and place', async () => {
    const binary = await setUp({ dataset: 'x.bin', size: 0, sha256: '', vocab: '' }, { 'x.bin': Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]) });
    expect((await runCliCaptured('train', binary)).out).toContain('data/dataset: "x.bin" is not UTF-8 text: a NUL byte at byte offset 4');
    const empty = await setUp({ dataset: 'e.txt', size: 0, sha256: '', vocab: '' }, { 'e.txt': '' });
    expect((await runCliCaptured('train', empty)).out).toContain('data/dataset: "e.txt" is empty (0 bytes)');
    const vocab = await setUp({ dataset: 'fox.txt', size: 0, sha256: '', vocab: 'abc' }, { 'fox.txt': TEXT });
    expect((await runCliCaptured('train', vocab)).out).toContain('character U+0074 "t" at character 0 of "fox.txt" is not in the node\'s vocabulary (3 characters)');
  });
});
