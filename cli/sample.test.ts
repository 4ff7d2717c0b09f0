import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../test/support/tempDir.ts';
import { runCliCaptured } from './testkit.ts';

const dir = useTempDir('nw-sample-');
const TEXT = 'to be or not to be, that is the question. '.repeat(30);
let graph = '';
let weights = '';

beforeAll(async () => {
  const lock = Object.fromEntries(['adam', 'cross-entropy', 'dense', 'embedding', 'text-corpus'].map((id) => [id, { version: '1.0.0', migration: 0 }]));
  const node = (type: string, params: Record<string, unknown>, x: number) => ({ type, params, position: { x, y: 0 } });
  const edge = (a: string, p: string, b: string, q: string) => ({ from: { node: a, port: p }, to: { node: b, port: q } });
  await writeFile(join(dir(), 'play.txt'), TEXT);
  graph = join(dir(), 'lm.graph.json');
  await writeFile(
    graph,
    JSON.stringify({
      format: 'netwright.graph',
      version: 1,
      plugins: lock,
      meta: { title: 'tiny lm' },
      nodes: {
        data: node('text-corpus', { dataset: 'play.txt', size: 0, sha256: '', vocab: '', context: 8, evalWindows: 4 }, 0),
        emb: node('embedding', { vocabSize: 16, dim: 8 }, 1),
        head: node('dense', { units: 16 }, 2),
        loss: node('cross-entropy', {}, 3),
        opt: node('adam', { steps: 20, batchSize: 8, evalEvery: 0, lr: 0.05 }, 4),
      },
      edges: [edge('data', 'x', 'emb', 'x'), edge('emb', 'y', 'head', 'x'), edge('head', 'y', 'loss', 'pred'), edge('data', 'y', 'loss', 'target'), edge('loss', 'loss', 'opt', 'loss')],
    }),
  );
  weights = join(dir(), 'w.bin');
  const trained = join(dir(), 'trained.graph.json');
  const r = await runCliCaptured('train', graph, '--save-weights', weights, '--save-graph', trained);
  if (r.code !== 0) throw new Error(r.out + r.err);
  graph = trained; // the graph with the vocabulary train recorded
});

describe('netwright sample', () => {
  it('generates through the step forms, the same text as re-running the window, from the seed', async () => {
    const args = ['sample', graph, '--weights', weights, '--prompt', 'to be', '--tokens', '30', '--seed', '4', '--top-k', '3'];
    const stepped = await runCliCaptured(...args);
    expect(stepped.code, stepped.out + stepped.err).toBe(0);
    expect(stepped.err).toContain('generating with the step forms: O(1) per token');
    expect(stepped.out).toMatch(/^to be[ -~]{30}\n$/);
    const windowed = await runCliCaptured(...args, '--window');
    expect(windowed.err).toContain('generating by re-running the window (up to 8 tokens) for every token: --window');
    expect(windowed.out).toBe(stepped.out);
    const other = await runCliCaptured(...args.slice(0, -3), '--seed', '5', '--temperature', '2');
    expect(other.out).not.toBe(stepped.out);
  });

  it('names a prompt character outside the vocabulary and a graph that is no language model', async () => {
    const bad = await runCliCaptured('sample', graph, '--weights', weights, '--prompt', 'toZ');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('the prompt\'s character "Z" (at 2) is not in the vocabulary of node "data" (15 characters)');
    const spirals = await runCliCaptured('sample', 'graphs/two-spirals-mlp.graph.json', '--weights', weights);
    expect(spirals.code).toBe(1);
    expect(spirals.out).toContain('this graph has no text-corpus node');
  });
});
