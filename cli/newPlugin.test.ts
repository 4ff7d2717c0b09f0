import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatContractReport, runContract } from '../runtime/exec/contract/index.ts';
import { tf } from '../runtime/exec/tf.ts';
import { importPluginModule, loadPlugins } from './loadPlugins.ts';
import { checkPluginId, defaultPluginDir, scaffoldPlugin } from './newPlugin.ts';
import { REPO_ROOT } from './root.ts';
import { checkFixtureFile, pluginTable } from './pluginCheck.ts';
import { runPluginCheckCaptured } from './testkit.ts';
import { useTempDir } from '../test/support/tempDir.ts';

const tmp = useTempDir('netwright-new-plugin-');

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('new-plugin', () => {
  it('validates ids: namespaced, well-formed, not a built-in', () => {
    expect(checkPluginId('acme.myLayer')).toBeUndefined();
    expect(checkPluginId('acme.sub.my-layer')).toBeUndefined();
    expect(checkPluginId('myLayer')).toMatch(/not namespaced.*acme\.myLayer/);
    expect(checkPluginId('Acme.layer')).toMatch(/not a valid plugin id/);
    expect(checkPluginId('acme..x')).toMatch(/not a valid plugin id/);
    expect(checkPluginId('acme.x', ['acme.x'])).toMatch(/already the id of a built-in/);
  });

  it('generates a folder that passes the contract suite, its fixture and plugin-check as generated', async () => {
    const dir = join(tmp(), 'acme.scaleShift');
    const files = await scaffoldPlugin({ id: 'acme.scaleShift', dir });
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      ['README.md', 'fixtures/acme.scaleShift/basic.json', 'index.ts', 'lower.ts', 'plugin.test.ts', 'reference.ts', 'spec.ts'].sort(),
    );
    const mod = await importPluginModule(join(dir, 'index.ts'));
    expect(mod.specs.map((s) => s.id)).toEqual(['acme.scaleShift']);
    const report = await runContract(mod.specs[0]!, mod.lowerings[0]);
    expect(report.ok, formatContractReport(report)).toBe(true);
    const fixture = join(dir, 'fixtures', 'acme.scaleShift', 'basic.json');
    const fx = await checkFixtureFile(fixture, pluginTable(mod.specs, mod.lowerings));
    expect(fx.ok, JSON.stringify(fx)).toBe(true);
    expect(fx.checks.map((c) => c.path).sort()).toEqual(['grads.inputs.x', 'grads.weights.b', 'grads.weights.w', 'outputs.y']);
    const run = await runPluginCheckCaptured(['--plugin', dir, fixture]);
    expect(run.out).toMatch(/PASS acme\.scaleShift contract:gradients/);
    expect(run.out).toMatch(/10 passed, 0 failed/);
    expect(run.code).toBe(0);
  });

  it('writes to ./<id>, or inside the checkout to my-plugins/<id>, never into the test globs', async () => {
    const outside = tmp();
    expect(defaultPluginDir('acme.x', outside, REPO_ROOT)).toBe(join(outside, 'acme.x'));
    const inside = defaultPluginDir('acme.x', join(REPO_ROOT, 'examples', 'plugins'), REPO_ROOT);
    expect(inside).toBe(join(REPO_ROOT, 'my-plugins', 'acme.x'));
    const config = await readFile(join(REPO_ROOT, 'vitest.config.ts'), 'utf8');
    const globs = [...config.matchAll(/'([a-z-]+)\/\*\*\/\*\.test\.ts'/g)].map((m) => m[1]);
    expect(globs).toContain('examples');
    expect(globs).not.toContain('my-plugins');
    expect(await readFile(join(REPO_ROOT, '.gitignore'), 'utf8')).toMatch(/^my-plugins\/$/m);
  });

  it('titles the plugin from its id and leaves no formula of the starting code in the README title line', async () => {
    const dir = join(tmp(), 'rms');
    await scaffoldPlugin({ id: 'acme.rmsNorm', dir });
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme.split('\n').slice(0, 3)).toEqual(['# RMS norm (`acme.rmsNorm`)', '', '`y = rmsNorm(x)`: write here what your node computes (the same sentence as `doc` in `spec.ts`).']);
    expect(readme).not.toMatch(/x \* w \+ b/);
    // The whole path: check, develop live, bundle, share.
    expect(readme).toMatch(/\*\*Develop it live\*\*/);
    expect(readme).toContain(`npx netwright plugin bundle`);
    expect(readme).toContain('-o acme.rmsNorm.plugin.js');
    expect(await readFile(join(dir, 'spec.ts'), 'utf8')).toMatch(/title: 'RMS norm',/);
  });

  it('refuses to overwrite an existing folder', async () => {
    const dir = join(tmp(), 'taken');
    await scaffoldPlugin({ id: 'acme.taken', dir });
    const before = await readFile(join(dir, 'spec.ts'), 'utf8');
    await expect(scaffoldPlugin({ id: 'acme.other', dir })).rejects.toThrow(/already exists.*never overwrites/);
    expect(await readFile(join(dir, 'spec.ts'), 'utf8')).toBe(before);
  });

  it('plugin-check fails a plugin whose maths drifts from its fixture, and exits 1', async () => {
    const dir = join(tmp(), 'drift');
    await scaffoldPlugin({ id: 'acme.drift', dir });
    const lower = join(dir, 'lower.ts');
    // Forget the bias: shapes still agree, so only the fixture can catch it.
    await writeFile(lower, (await readFile(lower, 'utf8')).replace('params.useBias ? tf.add(scaled, weights.b!) : scaled', 'tf.add(scaled, 0)'));
    const run = await runPluginCheckCaptured(['--plugin', join(dir, 'index.ts'), join(dir, 'fixtures', 'acme.drift', 'basic.json')]);
    expect(run.out).toMatch(/FAIL acme\.drift contract:gradients .*weight "b" gets no gradient/);
    expect(run.out).toMatch(/FAIL acme\.drift\/basic/);
    expect(run.code).toBe(1);
  });

  it('refuses two modules that register the same id, naming both', async () => {
    const a = join(tmp(), 'dupA');
    const b = join(tmp(), 'dupB');
    await scaffoldPlugin({ id: 'acme.dup', dir: a });
    await scaffoldPlugin({ id: 'acme.dup', dir: b });
    await expect(loadPlugins([a, b])).rejects.toThrow(/duplicate plugin id "acme\.dup": registered by .*dupA and again by .*dupB/);
    const run = await runPluginCheckCaptured(['--plugin', a, '--plugin', b]);
    expect(run.code).toBe(2);
  });

  it('reports a module without the expected exports', async () => {
    const file = join(tmp(), 'empty.ts');
    await writeFile(file, 'export const specs = 3;\n');
    await expect(importPluginModule(file)).rejects.toThrow(/the module must have an array named "specs"/);
  });
});
