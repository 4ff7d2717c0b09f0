/**
 * Every `apply` fixture of every plugin with a PyTorch emitter (plugins/*\/fixtures,
 * test/fixtures/reference, the DeltaNet example plugin), run on the exported module: outputs,
 * gradients and state within the fixture's tolerances. Plugins with fixtures but no emitter
 * are listed by the last test, so the gap is visible, not skipped. Fixtures of pure calls run on
 * the Python functions the emitter names (`TorchEmitter.calls`). Needs Python 3 with torch.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deltanetSpec } from '../../examples/plugins/deltanet/spec.ts';
import { builtinRegistry } from '../../plugins/index.ts';
import type { ParamValue } from '../../runtime/sdk/params.ts';
import { requireTorchPython } from '../support/torchPython.ts';
import { runTorchFixtures, type TorchFixtureReport } from '../support/torchFixtures.ts';
import { hasTorchCall, runTorchCalls } from './torchCalls.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const registry = builtinRegistry().extend([deltanetSpec], 'examples/plugins/deltanet');

function fixtureFiles(): string[] {
  const dirs = [
    ...readdirSync(join(ROOT, 'plugins')).map((p) => join(ROOT, 'plugins', p, 'fixtures')),
    ...readdirSync(join(ROOT, 'test', 'fixtures', 'reference')).map((p) =>
      join(ROOT, 'test', 'fixtures', 'reference', p),
    ),
    join(ROOT, 'examples', 'plugins', 'deltanet', 'fixtures', 'examples.deltanet'),
  ];
  return dirs
    .filter((d) => existsSync(d))
    .flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(d, f)),
    );
}

function header(file: string): { plugin: string; call: string } {
  return JSON.parse(readFileSync(file, 'utf8')) as { plugin: string; call: string };
}

const all = fixtureFiles().map((file) => ({ file, ...header(file) }));
const runnable = all.filter((f) => f.call === 'apply' && registry.get(f.plugin)?.torch !== undefined);
/** Fixtures of pure calls whose plugin's emitter has the call in Python (`TorchEmitter.calls`). */
const callable = all.filter((f) => f.call !== 'apply' && hasTorchCall(registry, f.plugin, f.call));

let python = '';
beforeAll(() => {
  python = requireTorchPython();
});

/** One line per failed fixture: the file and its failed checks (or the Python error). */
function failures(reports: readonly TorchFixtureReport[]): string[] {
  return reports
    .filter((r) => !r.ok)
    .map((r) => {
      const why =
        r.error ??
        r.checks
          .filter((c) => !c.ok)
          .map((c) => `${c.path} ${c.message ?? ''} (max |err| ${c.maxAbsError})`)
          .join('; ');
      return `${r.file.slice(ROOT.length + 1)}: ${why}`;
    });
}

/** The other forms of the layers with implementation params (every one must pass): plugin id and params. */
const FORMS: [string, Readonly<Record<string, ParamValue>>][] = [
  ['gla', { mode: 'recurrent' }],
  ['gla', { mode: 'parallel' }],
  ['gla', { mode: 'chunk', chunkSize: 16 }],
  ['lssl', { mode: 'recurrent' }],
];

describe('fixtures on the PyTorch emitters', () => {
  it(`passes the ${runnable.length} apply fixtures of the plugins with emitters`, () => {
    expect(runnable.length).toBeGreaterThan(0);
    expect(
      failures(
        runTorchFixtures(
          python,
          runnable.map((f) => f.file),
          registry,
        ),
      ),
    ).toEqual([]);
  });

  it(`passes the ${callable.length} fixtures of pure calls (the AP mask's dnr, pruneCycle) on their Python functions`, () => {
    expect(callable.map((f) => f.plugin)).toContain('apmask');
    expect(failures(runTorchCalls(python, callable.map((f) => f.file), registry))).toEqual([]);
  });

  it.each(FORMS)('passes the %s fixtures with %o', (plugin, overrides) => {
    const files = runnable.filter((f) => f.plugin === plugin).map((f) => f.file);
    expect(files.length).toBeGreaterThan(0);
    expect(failures(runTorchFixtures(python, files, registry, overrides))).toEqual([]);
  });

  it('lists the plugins whose fixtures cannot run on PyTorch yet', () => {
    const missing = [
      ...new Set(
        all.filter((f) => !runnable.includes(f) && !callable.includes(f)).map((f) => `${f.plugin} (${f.call})`),
      ),
    ].sort();
    // Shrinks as emitters land; a plugin leaves this list only with all its apply fixtures passing above.
    expect(missing).toEqual(MISSING);
  });
});

const MISSING: string[] = [];
