/**
 * Fixtures of pure calls (docs/fixtures.md: `call` other than `apply`) run on the Python
 * functions a plugin's PyTorch emitter names in `calls` (the AP mask's `dnr`, `pruneCycle`),
 * through the same runner as the apply fixtures, outputs compared with the fixture's
 * expectations and tolerances. Test-only.
 */
import { readFileSync } from 'node:fs';
import { compareTensor, parseFixture } from '../../runtime/exec/fixtures/index.ts';
import type { Registry } from '../../runtime/sdk/registry.ts';
import { runTorchPython, type TorchFixtureReport } from '../support/torchFixtures.ts';

/** Whether the fixture's call has a Python function in its plugin's emitter. */
export function hasTorchCall(registry: Registry, plugin: string, call: string): boolean {
  return registry.get(plugin)?.torch?.calls?.[call] !== undefined;
}

/** Runs the call fixtures in `files` with `python`; one report per file. */
export function runTorchCalls(python: string, files: readonly string[], registry: Registry): TorchFixtureReport[] {
  const fixtures = files.map((file) => ({ file, fx: parseFixture(readFileSync(file, 'utf8')) }));
  const cases = fixtures.map(({ fx }) => {
    const emitter = registry.get(fx.plugin)?.torch;
    const fn = emitter?.calls?.[fx.call];
    if (!emitter || fn === undefined) throw new Error(`plugin "${fx.plugin}" has no PyTorch function for call "${fx.call}"`);
    return { source: emitter.source, function: fn, params: fx.params, inputs: fx.inputs };
  });
  const results = runTorchPython(python, cases);
  return fixtures.map(({ file, fx }, i) => {
    const got = results[i]!;
    if (got.error !== undefined) return { file, ok: false, checks: [], error: got.error };
    const checks = Object.entries(fx.expect.outputs ?? {}).map(([p, want]) =>
      compareTensor(`outputs.${p}`, got.outputs?.[p], want, fx.tolerance.overrides?.[`outputs.${p}`] ?? fx.tolerance),
    );
    return { file, ok: checks.length > 0 && checks.every((c) => c.ok), checks };
  });
}
