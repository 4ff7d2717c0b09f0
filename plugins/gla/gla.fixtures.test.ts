/**
 * Every shared GLA fixture and every fixture of this plugin, through the project's fixture
 * runner, on the wasm and cpu backends, for every form of the core (the fixtures never set
 * the implementation-only params: every choice must pass).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFixture, runFixture, type Fixture } from '../../runtime/exec/fixtures/index.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { glaLowering } from './lower.ts';
import { glaSpec } from './spec.ts';

const dirs = [new URL('../../../shared/fixtures/gla/', import.meta.url), new URL('./fixtures/', import.meta.url)];

function loadAll(): Fixture[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => parseFixture(readFileSync(new URL(f, dir), 'utf8'))),
  );
}

const fixtures = loadAll();

const forms = [
  { mode: 'recurrent' },
  { mode: 'parallel' },
  { mode: 'chunk' }, // defaults: C = 64, c = 16
  { mode: 'chunk', chunkSize: 16, subChunkSize: 4 },
  { mode: 'chunk', chunkSize: 8, subChunkSize: 8 },
  { mode: 'chunk', chunkSize: 12, subChunkSize: 4 },
  { mode: 'chunk', chunkSize: 4, subChunkSize: 2 },
] as const;

describe('gla fixtures', () => {
  it('finds the shared fixture and this plugin’s own', () => {
    expect(fixtures.some((f) => f.name === 'gla/gla_B2_L16_d8_H2')).toBe(true);
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    describe(backend, () => {
      for (const form of forms) {
        it(`passes every fixture in ${JSON.stringify(form)}`, async () => {
          await tf.setBackend(backend);
          await tf.ready();
          for (const fx of fixtures) {
            const before = tf.memory().numTensors;
            const report = await runFixture(fx, { spec: glaSpec, lowering: glaLowering }, { paramOverrides: form });
            const failed = report.checks.filter((c) => !c.ok).map((c) => `${c.path} ratio ${c.worstRatio.toFixed(2)}`);
            expect({ name: fx.name, error: report.error, failed }).toEqual({ name: fx.name, error: undefined, failed: [] });
            expect(report.ok).toBe(true);
            expect(tf.memory().numTensors).toBe(before);
          }
        });
      }
    });
  }
});
