/**
 * Keeps the tutorial in docs/plugins.md honest: extracts its ```ts file=NAME blocks into a
 * temporary plugin folder, then runs the contract suite and a fixture written by the tutorial's
 * own reference, exactly as a reader following the page would.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPluginModule } from '../../cli/loadPlugins.ts';
import { formatContractReport, runContract } from '../../runtime/exec/contract/index.ts';
import { parseFixture, runFixture } from '../../runtime/exec/fixtures/index.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { useTempDir } from '../support/tempDir.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = useTempDir('netwright-tutorial-');

/** The tutorial's files by name, with imports re-pointed from examples/plugins/<id>/ to ROOT. */
async function tutorialFiles(): Promise<Map<string, string>> {
  const md = await readFile(join(ROOT, 'docs', 'plugins.md'), 'utf8');
  const files = new Map<string, string>();
  for (const m of md.matchAll(/```ts file=(\S+)\n([\s\S]*?)```/g)) {
    files.set(m[1]!, m[2]!.replaceAll("'../../../", `'${pathToFileURL(ROOT).href}/`));
  }
  return files;
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('docs/plugins.md tutorial', () => {
  it('has the four files of a plugin module', async () => {
    expect([...(await tutorialFiles()).keys()].sort()).toEqual(['index.ts', 'lower.ts', 'reference.ts', 'spec.ts']);
  });

  it('builds a plugin that passes the contract suite and its own fixture', async () => {
    const files = await tutorialFiles();
    for (const [name, text] of files) await writeFile(join(dir(), name), text);
    const mod = await importPluginModule(join(dir(), 'index.ts'));
    expect(mod.specs).toHaveLength(1);
    const spec = mod.specs[0]!;
    const report = await runContract(spec, mod.lowerings[0]);
    expect(report.ok, formatContractReport(report)).toBe(true);

    const reference = (await import(pathToFileURL(join(dir(), 'reference.ts')).href)) as Record<string, unknown>;
    const make = Object.values(reference).find((v): v is () => unknown => typeof v === 'function');
    expect(make, 'reference.ts exports a function that returns the fixture').toBeDefined();
    await mkdir(join(dir(), 'fixtures', spec.id), { recursive: true });
    const fixture = parseFixture(JSON.stringify(make!()));
    expect(fixture.plugin).toBe(spec.id);
    const result = await runFixture(fixture, { spec, lowering: mod.lowerings[0]! });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.checks.length).toBeGreaterThanOrEqual(6);
  });
});
