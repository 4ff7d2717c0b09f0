/**
 * The SDK reference in docs/plugins.md must name every public export: each name exported by
 * the files behind runtime/sdk/index.ts and runtime/exec/sdk.ts, and of runtime/host/pluginModule.ts
 * (the plugin-module contract), appears in section 6 as `Name`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

async function exportedNames(barrel: string): Promise<string[]> {
  const text = await readFile(join(ROOT, barrel), 'utf8');
  const names: string[] = [];
  for (const m of text.matchAll(/export \* from '(\.\.?\/\S+)';/g)) {
    const src = await readFile(join(ROOT, barrel, '..', m[1]!), 'utf8');
    for (const e of src.matchAll(/^export (?:declare )?(?:interface|type|function|const|class|abstract class) ([A-Za-z_]\w*)/gm)) names.push(e[1]!);
  }
  return names;
}

describe('SDK reference', () => {
  it('documents every export of the spec SDK and the lowering SDK', async () => {
    const md = await readFile(join(ROOT, 'docs', 'plugins.md'), 'utf8');
    const reference = md.slice(md.indexOf('## 6. SDK reference'));
    const host = await readFile(join(ROOT, 'runtime/host/pluginModule.ts'), 'utf8');
    const hostNames = [...host.matchAll(/^export (?:interface|type|function|const|class) ([A-Za-z_]\w*)/gm)].map((m) => m[1]!);
    expect(hostNames).toContain('NetwrightSdk');
    const names = [...(await exportedNames('runtime/sdk/index.ts')), ...(await exportedNames('runtime/exec/sdk.ts')), ...hostNames];
    expect(names.length).toBeGreaterThan(60);
    expect(names.filter((n) => !reference.includes(`\`${n}\``) && !reference.includes(`\`${n}(`) && !reference.includes(`\`${n}<`))).toEqual([]);
  });
});
