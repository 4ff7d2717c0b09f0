import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstImport } from './standalone.ts';

const root = join(import.meta.dirname, '..', '..');

describe('firstImport', () => {
  it('finds static imports and re-exports as the dev server serves them', () => {
    expect(firstImport('import { definePlugin } from "/runtime/sdk/index.ts";\nexport const specs = [];')).toBe('/runtime/sdk/index.ts');
    expect(firstImport("import './side.ts';")).toBe('./side.ts');
    expect(firstImport("import * as x from './x.js'")).toBe('./x.js');
    expect(firstImport("export { a } from './a.ts';")).toBe('./a.ts');
    expect(firstImport("export * from './b.ts';")).toBe('./b.ts');
  });

  it('finds none in a standalone module, JSDoc import() types included', () => {
    expect(firstImport(readFileSync(join(root, 'examples/plugins/snake/snake.plugin.js'), 'utf8'))).toBeUndefined();
    expect(firstImport('export default function f(sdk) { return { specs: [], lowerings: [] }; }')).toBeUndefined();
  });
});
