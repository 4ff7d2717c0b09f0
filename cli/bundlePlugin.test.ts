import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../runtime/compile/hash.ts';
import { tf } from '../runtime/exec/tf.ts';
import { scaffoldPlugin } from './newPlugin.ts';
import { REPO_ROOT } from './root.ts';
import { runCliCaptured, runPluginCheckCaptured } from './testkit.ts';
import { useTempDir } from '../test/support/tempDir.ts';

const tmp = useTempDir('netwright-bundle-');

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** Bundles `source` with the CLI; returns the bundle's path and text. */
async function bundle(source: string, name: string): Promise<{ path: string; text: string; out: string }> {
  const path = join(tmp(), name);
  const r = await runCliCaptured('plugin', 'bundle', source, '-o', path);
  expect(r.code, r.err).toBe(0);
  return { path, text: await readFile(path, 'utf8'), out: r.out };
}

describe('netwright plugin bundle', () => {
  it('makes the scaffold a standalone module with its version and SHA-256 in the header, which passes plugin-check with its fixture', async () => {
    const dir = join(tmp(), 'acme.rmsNorm');
    await scaffoldPlugin({ id: 'acme.rmsNorm', dir });
    const { path, text, out } = await bundle(dir, 'acme.rmsNorm.plugin.js');
    const [l1, , l3] = text.split('\n');
    expect(l1).toBe('// Netwright plugin bundle: acme.rmsNorm 0.1.0');
    const code = text.split('\n').slice(3).join('\n');
    expect(l3).toContain(`SHA-256 of the code below this header: ${sha256Hex(code)}`);
    expect(out).toContain(`SHA-256 ${sha256Hex(text)}`);
    // Import-free: no static or dynamic import, no require.
    expect(code).not.toMatch(/^\s*import[\s{*]|\bimport\(|\brequire\(/m);
    expect(code).not.toContain(REPO_ROOT);
    const run = await runPluginCheckCaptured(['--plugin', path, join(dir, 'fixtures', 'acme.rmsNorm', 'basic.json')]);
    expect(run.out).toMatch(/10 passed, 0 failed/);
    expect(run.code).toBe(0);
  });

  it('bundles DeltaNet (TypeScript, several files) and Snake (already standalone); both pass plugin-check', async () => {
    for (const [source, name] of [
      [join(REPO_ROOT, 'examples', 'plugins', 'deltanet'), 'deltanet.plugin.js'],
      [join(REPO_ROOT, 'examples', 'plugins', 'snake', 'snake.plugin.js'), 'snake.plugin.js'],
    ] as const) {
      const { path, text } = await bundle(source, name);
      expect(text.split('\n').slice(3).join('\n')).not.toMatch(/^\s*import[\s{*]|\bimport\(|\brequire\(/m);
      const run = await runPluginCheckCaptured(['--plugin', path]);
      expect(run.out, name).toMatch(/PASS examples\.\w+ contract:gradients/);
      expect(run.code, run.out).toBe(0);
    }
  });

  it('refuses a plugin that imports engine internals, naming the file and what it may import', async () => {
    const dir = join(tmp(), 'acme.bad');
    await scaffoldPlugin({ id: 'acme.bad', dir });
    const lower = join(dir, 'lower.ts');
    await writeFile(lower, `import '${REPO_ROOT}/runtime/exec/engine.ts';\n${await readFile(lower, 'utf8')}`);
    const r = await runCliCaptured('plugin', 'bundle', dir, '-o', join(tmp(), 'bad.plugin.js'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /could not be bundled: .*lower\.ts imports runtime\/exec\/engine\.ts, which is not part of the public SDK/,
    );
  });

  it('needs -o with a .js name', async () => {
    const r = await runCliCaptured('plugin', 'bundle', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/needs -o NAME\.plugin\.js/);
  });
});
