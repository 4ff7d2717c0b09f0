/**
 * Graph files of format version 1, frozen in `test/fixtures/v1/`: each opens with the built-in
 * plugins, saves as version 2 with nothing else changed, and a second save gives the same
 * bytes. Cross-cutting on purpose: the files use the real built-in plugins.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import { serializeGraph } from '../../runtime/file/serialize.ts';

const dir = new URL('../fixtures/v1/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.graph.json'));

describe('version-1 graph files', () => {
  const registry = builtinRegistry();
  it.each(files)('%s opens unchanged and saves as version 2, byte-stable', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    const loaded = loadGraph(text, registry);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    expect(loaded.warnings).toEqual([]);
    const first = serializeGraph(loaded.doc, registry);
    expect(first).toBe(text.replace('"version": 1,', '"version": 2,'));
    const again = loadGraph(first, registry);
    expect(again.ok && serializeGraph(again.doc, registry)).toBe(first);
  });
});
