import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test/support/tempDir.ts';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured } from './testkit.ts';

const GRAPH = join(REPO_ROOT, 'graphs', 'two-spirals-mlp.graph.json');
const tmp = useTempDir('netwright-format-');

const cli = runCliCaptured;

describe('netwright format', () => {
  it('rewrites a file into the canonical form and is then a no-op', async () => {
    const canonical = await readFile(GRAPH, 'utf8');
    const messy = JSON.stringify(JSON.parse(canonical) as unknown);
    const path = join(tmp(), 'messy.graph.json');
    await writeFile(path, messy);
    const check = await cli('format', '--check', path);
    expect(check.code).toBe(1);
    expect(check.out).toContain('not in canonical form');
    expect(await readFile(path, 'utf8')).toBe(messy);
    expect((await cli('format', path)).code).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(canonical);
    expect((await cli('format', '--check', path)).code).toBe(0);
  });

  it('keeps a placeholder node of a missing plugin byte-for-byte', async () => {
    const g = JSON.parse(await readFile(GRAPH, 'utf8')) as {
      plugins: Record<string, unknown>;
      nodes: Record<string, { type: string; params: Record<string, unknown> }>;
    };
    g.plugins['acme.mystery'] = { version: '2.1.0', migration: 3 };
    g.nodes.h2 = { ...g.nodes.h2!, type: 'acme.mystery', params: { zeta: [1, 2, 3], alpha: 'x' } };
    const path = join(tmp(), 'placeholder.graph.json');
    const text = `${JSON.stringify(g, null, 2)}\n`;
    await writeFile(path, text);
    expect((await cli('format', path)).code).toBe(0);
    const after = JSON.parse(await readFile(path, 'utf8')) as typeof g;
    expect(after.nodes.h2).toEqual(g.nodes.h2);
    expect(after.plugins['acme.mystery']).toEqual({ version: '2.1.0', migration: 3 });
  });

  it('prints its usage once and ends with a one-line summary', async () => {
    const help = await cli('format', '--help');
    expect(help.out).toMatch(/^usage: netwright format \[--check\]/);
    expect(help.out).not.toContain('usage: usage:');
    const canonical = await readFile(GRAPH, 'utf8');
    const a = join(tmp(), 'a.graph.json');
    const b = join(tmp(), 'b.graph.json');
    await writeFile(a, canonical);
    await writeFile(b, JSON.stringify(JSON.parse(canonical) as unknown));
    const r = await cli('format', a, b);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('format: 2 files: 1 formatted, 1 already canonical');
    const again = await cli('format', '--check', a, b);
    expect(again.out.trim()).toBe('format: 2 files: 2 canonical');
  });

  it('reports a file that does not load and exits 1', async () => {
    const path = join(tmp(), 'broken.graph.json');
    await writeFile(path, '{ "format": "netwright.graph", ');
    const r = await cli('format', path);
    expect(r.code).toBe(1);
    expect(r.err).toContain('invalid JSON');
    expect(r.out.trim()).toBe('format: 1 file: 0 formatted, 1 not loadable');
  });
});
