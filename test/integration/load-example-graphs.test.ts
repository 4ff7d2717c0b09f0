/**
 * Every example graph in `graphs/` loads without errors, infers without error diagnostics,
 * compiles, and is stored in canonical form: saving the loaded document gives the file back
 * byte-for-byte (run `npx netwright format graphs/*.graph.json` after editing one by hand).
 * Cross-cutting on purpose: it uses the real built-in plugins.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../plugins/index.ts';
import { compileGraph } from '../../runtime/compile/compile.ts';
import { inferGraph } from '../../runtime/infer/inferGraph.ts';
import { loadGraph } from '../../runtime/file/load.ts';
import { serializeGraph } from '../../runtime/file/serialize.ts';

const dir = new URL('../../graphs/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.graph.json'));

describe.runIf(files.length > 0)('example graphs', () => {
  const registry = builtinRegistry();
  it.each(files)('%s loads, infers, compiles and round-trips', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const loaded = loadGraph(text, registry);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    expect(loaded.warnings).toEqual([]);
    const inferred = inferGraph(loaded.doc, registry);
    expect(inferred.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const compiled = compileGraph(loaded.doc, registry, { inference: inferred });
    expect(compiled.ok).toBe(true);
    const saved = serializeGraph(loaded.doc, registry);
    const reloaded = loadGraph(saved, registry);
    expect(reloaded.ok && reloaded.doc).toEqual(loaded.doc);
    expect(saved).toBe(text);
  });
});
