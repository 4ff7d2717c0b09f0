/**
 * Test helpers shared by the paper plugins' fixture tests: load every fixture of a folder and
 * run it against a plugin on a chosen tfjs backend. Test-only (imports vitest); never imported
 * by the app.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { parseFixture, runFixture, type Fixture, type FixtureReport } from '../runtime/exec/fixtures/index.ts';
import { compileGraph } from '../runtime/compile/compile.ts';
import { Engine } from '../runtime/exec/engine.ts';
import { tf } from '../runtime/exec/tf.ts';
import { loadGraph } from '../runtime/file/load.ts';
import type { GraphDoc } from '../runtime/graph/types.ts';
import type { AnyPluginSpec } from '../runtime/sdk/index.ts';
import { builtinRegistry, builtinSpecs } from './index.ts';
import { builtinLowerings } from './lowerings.ts';

/** The reference fixture set of the paper plugins (test/fixtures/reference; docs/fixtures.md). */
export const SHARED_FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'reference');

/** Backends every paper plugin is checked on in Node. */
export const NODE_BACKENDS = ['wasm', 'cpu'] as const;

/** A fixture file with its parsed content. */
export interface LoadedFixture {
  readonly file: string;
  readonly fixture: Fixture;
}

/** Every `*.json` fixture in a folder, sorted by name; an empty list if the folder is missing. */
export function loadFixtures(dir: string): LoadedFixture[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((n) => ({ file: join(dir, n), fixture: parseFixture(readFileSync(join(dir, n), 'utf8')) }));
}

/** Every fixture of the given plugin ids in the shared fixture folder, in that order. */
export function sharedFixtures(...pluginIds: string[]): LoadedFixture[] {
  return pluginIds.flatMap((id) => loadFixtures(join(SHARED_FIXTURES, id)));
}

/** Switches tfjs to a backend and waits until it is ready. */
export async function useBackend(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend "${name}" failed to initialise`);
  await tf.ready();
}

/** Runs a fixture and checks that it leaves no tensors behind. */
export async function runChecked(
  fx: Fixture,
  plugin: { spec: AnyPluginSpec; lowering: AnyPluginLowering },
): Promise<{ report: FixtureReport; leaked: number }> {
  const before = tf.memory().numTensors;
  const report = await runFixture(fx, plugin);
  return { report, leaked: tf.memory().numTensors - before };
}

/**
 * One test per Node backend and fixture: the fixture passes through the built-in plugin that
 * its `plugin` field names, and leaves no tensor behind.
 */
export function describeFixturesOnNodeBackends(name: string, fixtures: readonly LoadedFixture[]): void {
  describe.each(NODE_BACKENDS)(`${name} fixtures on %s`, (backend) => {
    it.each(fixtures.map((f) => [f.fixture.name, f.fixture] as const))('%s', async (_name, fixture) => {
      await useBackend(backend);
      const spec = builtinSpecs.find((s) => s.id === fixture.plugin);
      const lowering = builtinLowerings.find((l) => l.id === fixture.plugin);
      if (!spec || !lowering) throw new Error(`no built-in plugin "${fixture.plugin}"`);
      const { report, leaked } = await runChecked(fixture, { spec, lowering });
      expect(report.ok, describeReport(report)).toBe(true);
      expect(leaked).toBe(0);
    });
  });
}

/** One line per check: path, max abs error and worst ratio to the tolerance (≤ 1 passes). */
export function describeReport(r: FixtureReport): string {
  const lines = r.checks.map(
    (c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.path} maxAbs=${c.maxAbsError.toExponential(2)} ratio=${c.worstRatio.toFixed(3)}${c.message ? ` ${c.message}` : ''}`,
  );
  return [`${r.name}: ${r.ok ? 'ok' : 'FAIL'}${r.error ? ` (${r.error})` : ''}`, ...lines].join('\n');
}

/** A row-major float64 tensor as fixtures store it. */
export interface RefTensor {
  readonly shape: number[];
  readonly data: number[];
}

/** Builds a fixture tensor. */
export function refTensor(shape: number[], data: ArrayLike<number>): RefTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  if (data.length !== n) throw new Error(`tensor data has ${data.length} values for shape [${shape.join(', ')}]`);
  return { shape, data: Array.from(data) };
}

/** A fixture as a plugin's `reference/cases.ts` builds it: without the format envelope. */
export type OwnFixture = Omit<Fixture, 'format' | 'version'>;

/**
 * The test that the fixture files in `<pluginDir>/fixtures` are exactly what the plugin's
 * reference `cases()` produce now, and that there are at least `atLeast` of them.
 */
export function itMatchesOwnFixtureFiles(cases: () => readonly OwnFixture[], atLeast: number, pluginDir: string): void {
  it('own fixture files are exactly what the reference produces', () => {
    const all = cases();
    expect(all.length).toBeGreaterThanOrEqual(atLeast);
    for (const fx of all) {
      const file = join(pluginDir, 'fixtures', `${fx.name.split('/')[1]!}.json`);
      expect(JSON.parse(readFileSync(file, 'utf8')), fx.name).toEqual(JSON.parse(JSON.stringify({ format: 'netwright.fixture', version: 1, ...fx })));
    }
  });
}

/** Writes a fixture (format version 1) as `<dir>/<case>.json`; `name` is `<plugin>/<case>`. */
export function writeFixture(dir: string, fx: OwnFixture): void {
  const caseName = fx.name.slice(fx.name.indexOf('/') + 1);
  const full = { format: 'netwright.fixture', version: 1, ...fx };
  writeFileSync(join(dir, `${caseName}.json`), `${JSON.stringify(full)}\n`);
}

/**
 * Compares a reference's float64 output with a fixture tensor; returns the largest
 * |got − want| / (atol + rtol·|want|) (≤ 1 passes) so reference tests can assert it.
 */
export function worstRatio(got: ArrayLike<number>, want: RefTensor | undefined, atol: number, rtol: number): number {
  if (!want || want.data.length !== got.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const err = Math.abs(got[i]! - want.data[i]!);
    worst = Math.max(worst, err / (atol + rtol * Math.abs(want.data[i]!)));
  }
  return worst;
}

/** A node of {@link graphText}: inputs map each input port to `node:port`. */
export interface TestNode {
  readonly id: string;
  readonly type: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs?: Readonly<Record<string, string>>;
}

/** A graph file (format version 1) for the built-in plugins, with the plugin lock filled in. */
export function graphText(nodes: readonly TestNode[]): string {
  const registry = builtinRegistry();
  const types = [...new Set(nodes.map((n) => n.type))].sort();
  const plugins = Object.fromEntries(
    types.map((t) => {
      const spec = registry.get(t);
      if (!spec) throw new Error(`no built-in plugin "${t}"`);
      return [t, { version: spec.version, migration: spec.migrations?.length ?? 0 }];
    }),
  );
  const edges = nodes.flatMap((n) =>
    Object.entries(n.inputs ?? {}).map(([port, ref]) => {
      const [node, from] = ref.split(':');
      return { from: { node, port: from }, to: { node: n.id, port } };
    }),
  );
  const fileNodes = Object.fromEntries(nodes.map((n, i) => [n.id, { type: n.type, params: n.params, position: { x: i * 200, y: 0 } }]));
  return JSON.stringify({ format: 'netwright.graph', version: 1, plugins, meta: { title: 'test' }, nodes: fileNodes, edges });
}

/** Loads and compiles graph text with the built-in plugins and loads it into a wasm engine. */
export async function engineFor(text: string): Promise<{ doc: GraphDoc; engine: Engine }> {
  const registry = builtinRegistry();
  const loaded = loadGraph(text, registry);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const compiled = compileGraph(loaded.doc, registry);
  if (!compiled.ok) throw new Error(compiled.diagnostics.map((e) => e.message).join('\n'));
  const engine = new Engine();
  await engine.init('wasm');
  engine.load(compiled.plan, builtinLowerings);
  return { doc: loaded.doc, engine };
}
