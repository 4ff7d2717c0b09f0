/**
 * The built CLI (cli/build.js) in a private build folder: `--help` loads no tfjs and no graph
 * code; a TypeScript plugin module that new-plugin writes loads and passes plugin-check; and a
 * plugin's imports of the Netwright sources get the CLI's own built modules, not a second copy.
 */
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../test/support/tempDir.ts';
import { REPO_ROOT } from './root.ts';

const run = promisify(execFile);
const out = join(REPO_ROOT, `cli-build.tmp.${process.pid}`);
const main = join(out, 'cli', 'main.js');
const tmp = useTempDir('netwright-built-');

beforeAll(async () => {
  await run(process.execPath, [join(REPO_ROOT, 'cli', 'build.js'), '--outdir', out]);
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the built CLI', () => {
  it('prints usage without loading tfjs, zod or the graph loader', async () => {
    const log = join(tmp(), 'resolved.log');
    const hooks = join(tmp(), 'hooks.mjs');
    await writeFile(
      hooks,
      `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`,
    );
    const trace = join(tmp(), 'trace.mjs');
    await writeFile(
      trace,
      `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`,
    );
    const { stdout } = await run(process.execPath, ['--import', trace, main, '--help']);
    expect(stdout).toMatch(/^usage: netwright <command>/);
    const loaded = (await readFile(log, 'utf8')).trim().split('\n');
    expect(loaded.some((u) => u.endsWith('/cli/main.js'))).toBe(true);
    expect(loaded.filter((u) => /@tensorflow|\/zod\/|\/runtime\/(file|compile|exec)\//.test(u))).toEqual([]);
  });

  it('compiles the TypeScript plugin module that new-plugin writes, which passes plugin-check', async () => {
    const dir = join(tmp(), 'acme.scaleShift');
    await run(process.execPath, [main, 'new-plugin', 'acme.scaleShift', '--dir', dir]);
    const fixture = join(dir, 'fixtures', 'acme.scaleShift', 'basic.json');
    expect(JSON.parse(await readFile(fixture, 'utf8'))).toMatchObject({ plugin: 'acme.scaleShift' });
    const { stdout, stderr } = await run(process.execPath, [
      main,
      'plugin-check',
      '--plugin',
      join(dir, 'index.ts'),
      fixture,
    ]);
    expect(stdout).toMatch(/10 passed, 0 failed/);
    expect(stderr).toBe('');
  });

  it('gives a plugin module that imports Netwright sources the modules of the CLI itself', async () => {
    const plugin = join(tmp(), 'shared.ts');
    const source = (file: string): string => JSON.stringify(join(REPO_ROOT, file));
    const built = (file: string): string => JSON.stringify(join(out, file));
    await writeFile(
      plugin,
      [
        `import { tf } from ${source('runtime/exec/tf.ts')};`,
        `import { NetwrightError } from ${source('runtime/sdk/index.ts')};`,
        `const cli = { tf: (await import(${built('runtime/exec/tf.js')})).tf, errors: await import(${built('runtime/sdk/errors.js')}) };`,
        `if (tf !== cli.tf || NetwrightError !== cli.errors.NetwrightError) throw new Error('a second copy of the Netwright modules');`,
        'export const specs: readonly unknown[] = [];',
        'export const lowerings: readonly unknown[] = [];',
        '',
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, [main, 'plugin-check', '--plugin', plugin]);
    expect(stdout).toMatch(/0 passed, 0 failed/);
  });
});
