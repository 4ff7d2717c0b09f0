/**
 * Hostile and careless input to the CLI (issue 18): files that are huge in work but small in
 * text, duplicate keys, other encodings, endless files, and output the loader would refuse.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test/support/tempDir.ts';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured as cli } from './testkit.ts';

const GRAPH = join(REPO_ROOT, 'graphs', 'two-spirals-mlp.graph.json');
const tmp = useTempDir('netwright-hostile-');

interface GraphJson {
  format: string;
  version: number;
  meta?: Record<string, unknown>;
  nodes: Record<
    string,
    { type: string; params?: Record<string, unknown>; position: unknown; data?: unknown }
  >;
  edges?: unknown[];
}

async function example(): Promise<GraphJson> {
  return JSON.parse(await readFile(GRAPH, 'utf8')) as GraphJson;
}

async function write(name: string, text: string | Uint8Array): Promise<string> {
  const path = join(tmp(), name);
  await writeFile(path, text);
  return path;
}

describe('hostile input to the CLI', () => {
  it('refuses a small file whose meta holds millions of values, at the meta budget', async () => {
    const g = await example();
    const head = JSON.stringify({ ...g, meta: undefined }).slice(0, -1);
    // A million empty objects: 3 MB of text, far below the 20 MB limit (3 million took 79 s and
    // 1.3 GB before the budgets).
    const path = await write('meta-bomb.graph.json', `${head},"meta":{"x":[${'{},'.repeat(1_000_000)}{}]}}`);
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/meta\.x\[\d+\]: "meta" holds more than 50,000 JSON values/);
  });

  it('refuses a second node with the same id, and format leaves the file alone', async () => {
    const text = (await readFile(GRAPH, 'utf8')).replace(
      '"nodes": {',
      `"nodes": {\n    "h1": {"type": "dense", "position": {"x": 0, "y": 0}},`,
    );
    const path = await write('twice.graph.json', text);
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    expect(r.out).toContain('nodes.h1: the key "h1" appears twice');
    expect((await cli('format', path)).code).toBe(1);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('names the encoding: byte-order mark, UTF-16, invalid UTF-8', async () => {
    const text = await readFile(GRAPH, 'utf8');
    const bom = await write('bom.graph.json', `\ufeff${text}`);
    expect((await cli('validate', bom)).out).toContain('UTF-8 byte-order mark');
    const utf16 = await write('utf16.graph.json', Buffer.from(`\ufeff${text}`, 'utf16le'));
    expect((await cli('validate', utf16)).out).toContain('the file is UTF-16');
    const bytes = Buffer.from(text, 'utf8');
    bytes[100] = 0xff;
    const invalid = await write('invalid.graph.json', bytes);
    expect((await cli('validate', invalid)).out).toContain('not valid UTF-8 (first bad byte at offset 100)');
  });

  it('stops reading an endless file at the size limit', async () => {
    const r = await cli('validate', '/dev/zero');
    expect(r.code).toBe(1);
    expect(r.out).toContain('/dev/zero: the file is larger than 20 MB, the limit (reading stopped there)');
  });

  it('caps the diagnostics of 20,000 unconnected nodes like the loader caps its own', async () => {
    const nodes: GraphJson['nodes'] = {};
    for (let i = 0; i < 20_000; i++) nodes[`d${i}`] = { type: 'dense', position: { x: 0, y: 0 } };
    const path = await write(
      'unconnected.graph.json',
      JSON.stringify({ format: 'netwright.graph', version: 1, nodes }),
    );
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    // 100 listed, the count, and the loader's one warning (no plugin lock in this file).
    expect(lines.length).toBeLessThanOrEqual(102);
    expect(lines.at(-1)).toMatch(/\.\.\. and 19,\d{3} more \(19,\d{3} INFER_UNCONNECTED\)/);
  });

  it('format refuses to write a canonical form the loader would refuse', async () => {
    const g = await example();
    // Deeply nested arrays of short strings: 2 MB compact, over 20 MB indented.
    let nested: unknown = Array<string>(250_000).fill('abc');
    for (let i = 0; i < 40; i++) nested = [nested];
    g.nodes.h1!.data = { notes: nested };
    const compact = JSON.stringify(g);
    const path = await write('compact.graph.json', compact);
    expect((await cli('validate', path)).code).toBe(0);
    const r = await cli('format', path);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /the canonical form is 2\d\.\d MB; the limit is 20 MB, so the file is left as it is/,
    );
    expect(await readFile(path, 'utf8')).toBe(compact);
  });

  it('refuses a weight file with a key given twice, naming it', async () => {
    const weights = await write('twice.weights.json', '{"format": "netwright.weights", "tensors": {"h1/kernel": [1], "h1/kernel": [2]}}');
    const r = await cli('train', GRAPH, '--steps', '1', '--load-weights', weights);
    expect(r.code).toBe(1);
    expect(r.out).toContain('not a valid weight file: tensors.h1/kernel: the key "h1/kernel" appears twice');
  });
});
