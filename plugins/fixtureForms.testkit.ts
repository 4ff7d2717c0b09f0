/**
 * Test helper for plugins with several implementation forms (GLA, LSSL): runs every fixture
 * through every form on every Node backend. Test-only (imports vitest).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { runFixture, type Fixture } from '../runtime/exec/fixtures/index.ts';
import { tf } from '../runtime/exec/tf.ts';
import type { AnyPluginSpec } from '../runtime/sdk/index.ts';
import { fixtureFormsOf, type FixtureForm } from './fixtureForms.ts';
import { loadFixtures, NODE_BACKENDS, sharedFixtures, useBackend } from './paper.testkit.ts';

/**
 * The fixture test of a plugin with implementation forms: its shared fixtures and its own
 * (`<pluginDir>/fixtures`), `sharedName` among them and at least `atLeast` in all, pass in
 * every form of {@link fixtureFormsOf}.
 */
export function describeFixturesInEveryForm(
  plugin: { spec: AnyPluginSpec; lowering: AnyPluginLowering },
  pluginDir: string,
  expected: { sharedName: string; atLeast: number },
): void {
  const id = plugin.spec.id;
  const fixtures = [...sharedFixtures(id), ...loadFixtures(join(pluginDir, 'fixtures'))].map((f) => f.fixture);
  describe(`${id} fixtures`, () => {
    it('finds the shared fixture and this plugin’s own', () => {
      expect(fixtures.some((f) => f.name === expected.sharedName)).toBe(true);
      expect(fixtures.length).toBeGreaterThanOrEqual(expected.atLeast);
    });
    itPassesEveryFixtureInEveryForm(plugin, fixtures, fixtureFormsOf(id));
  });
}

/**
 * One test per backend and implementation form (`forms` override the implementation-only
 * params): every fixture passes, and no tensor leaks. Fixtures never set those params, so
 * every form must pass every fixture.
 */
function itPassesEveryFixtureInEveryForm(
  plugin: { spec: AnyPluginSpec; lowering: AnyPluginLowering },
  fixtures: readonly Fixture[],
  forms: readonly FixtureForm[],
): void {
  for (const backend of NODE_BACKENDS) {
    describe(backend, () => {
      for (const form of forms) {
        it(`passes every fixture in ${JSON.stringify(form)}`, async () => {
          await useBackend(backend);
          for (const fx of fixtures) {
            const before = tf.memory().numTensors;
            const report = await runFixture(fx, plugin, { paramOverrides: form });
            const failed = report.checks.filter((c) => !c.ok).map((c) => `${c.path} ratio ${c.worstRatio.toFixed(2)}`);
            expect({ name: fx.name, error: report.error, failed }).toEqual({ name: fx.name, error: undefined, failed: [] });
            expect(report.ok).toBe(true);
            expect(tf.memory().numTensors).toBe(before);
          }
        });
      }
    });
  }
}
