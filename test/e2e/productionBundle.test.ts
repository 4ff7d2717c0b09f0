/**
 * No test helper or test seam ships: `vite build` with the project's config (as `npm run build`
 * runs it) into a temporary folder, then every emitted JavaScript file (the page, its lazy
 * chunks, the engine worker) is searched for markers of test code. Test seams are injected by
 * the tests (the run harness page, its test-only worker entry, renderCounts.ts); if one leaked
 * into the app, its name would be in the bundle. The fake plugins' ids are read from
 * test/support/fakePlugins, so the list follows that tree.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinSpecs } from '../../plugins/index.ts';
import { ROOT } from './harness.ts';

/**
 * Names that only test code uses: the seams the tests inject (harness page, test-only worker
 * entry, render counters), the seams that used to ship, and the test-support trees' file names.
 */
const TEST_MARKERS = [
  'loseDeviceForTest',
  'loseDevice',
  'killWorker',
  'deviceLossEngine',
  'testEngine',
  'slowBackend',
  '__nwRunHarness',
  '__nwRunPanelRenders',
  '__nwRenderCounts',
  'renderCounts',
  'testkit',
  'testPlugins',
  'fakePlugins',
  'test/support',
];

/** Files under `dir` (recursively) whose name ends with `ext`. */
function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Ids of the fake plugins in test/support/fakePlugins: the namespaced ones (`test.dense`,
 * `t.sgd`, `acme.boom`) that no built-in plugin uses. The short ones (`opt`, `src`) are also
 * node ids of real graphs and words of real code, so a search for them would prove nothing.
 */
function fakePluginIds(): string[] {
  const builtin = new Set(builtinSpecs.map((s) => s.id));
  const ids = new Set<string>();
  for (const file of filesUnder(join(ROOT, 'test/support/fakePlugins'), '.ts')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bid: '([^']+\.[^']+)'/g)) if (!builtin.has(m[1]!)) ids.add(m[1]!);
  }
  return [...ids];
}

/** `id` as a string literal in any quoting. */
const quoted = (id: string): string[] => [`"${id}"`, `'${id}'`, `\`${id}\``];

let outDir = '';
/** The emitted JavaScript by path relative to the build folder. */
let bundle: [string, string][] = [];

/** The files of the bundle that contain any of `needles`, each with the first needle found. */
function filesContaining(needles: readonly string[]): string[] {
  return bundle.flatMap(([file, text]) => {
    const found = needles.find((n) => text.includes(n));
    return found === undefined ? [] : [`${file}: ${found}`];
  });
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'nw-bundle-'));
  await build({ root: ROOT, configFile: `${ROOT}/vite.config.ts`, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  bundle = filesUnder(outDir, '.js').map((f) => [relative(outDir, f), readFileSync(f, 'utf8')]);
}, 240_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('production bundle', () => {
  it('searches the page, its chunks and the engine worker (a marker of real code is found)', () => {
    expect(bundle.some(([f]) => /^assets\/engine\.worker-[\w-]+\.js$/.test(f)), bundle.map(([f]) => f).join(' ')).toBe(true);
    // What the searches below look for is found when it is there: the worker's name, a built-in plugin's id.
    expect(filesContaining(['netwright-engine'])).not.toEqual([]);
    expect(filesContaining(quoted('two-spirals'))).not.toEqual([]);
  });

  it('contains no test seam and no name of a test-support file', () => {
    expect(filesContaining(TEST_MARKERS)).toEqual([]);
  });

  it("contains none of the fake plugins' ids", () => {
    const ids = fakePluginIds();
    expect(ids).toContain('acme.boom');
    expect(filesContaining(ids.flatMap(quoted))).toEqual([]);
  });
});
