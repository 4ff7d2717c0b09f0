import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const here = new URL('./', import.meta.url);

describe('engine error codes', () => {
  it('every E_ code thrown by the engine is listed in runtime/exec/README.md', () => {
    const readme = readFileSync(new URL('README.md', here), 'utf8');
    const used = new Set<string>();
    for (const f of readdirSync(here)) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      for (const m of readFileSync(new URL(f, here), 'utf8').matchAll(/'(E_[A-Z_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((code) => !readme.includes(`\`${code}\``))).toEqual([]);
  });
});
