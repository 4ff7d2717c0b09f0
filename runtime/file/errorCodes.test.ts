import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(new URL(dir, root))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(new URL(`${dir}/${f}`, root), 'utf8'));
}

describe('error codes', () => {
  it('every code used by the core runtime is documented in docs/errors.md', () => {
    const docs = readFileSync(new URL('docs/errors.md', root), 'utf8');
    const used = new Set<string>();
    for (const dir of ['runtime/graph', 'runtime/file', 'runtime/infer', 'runtime/compile']) {
      for (const text of sources(dir))
        for (const m of text.matchAll(/'((?:GRAPH|FILE|INFER|COMPILE)_[A-Z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });
});
