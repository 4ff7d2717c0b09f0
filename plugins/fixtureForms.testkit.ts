/**
 * Test helper for plugins with several implementation forms (GLA, LSSL): runs every fixture
 * through every form on every Node backend. Test-only (imports vitest).
 */
import { describe, expect, it } from 'vitest';
import type { AnyPluginLowering } from '../runtime/exec/sdk.ts';
import { runFixture, type Fixture } from '../runtime/exec/fixtures/index.ts';
import { tf } from '../runtime/exec/tf.ts';
import type { AnyPluginSpec } from '../runtime/sdk/index.ts';
import type { FixtureForm } from './fixtureForms.ts';
import { NODE_BACKENDS, useBackend } from './paper.testkit.ts';

/**
 * One test per backend and implementation form (`forms` override the implementation-only
 * params): every fixture passes, and no tensor leaks. Fixtures never set those params, so
 * every form must pass every fixture.
 */
export function itPassesEveryFixtureInEveryForm(
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
