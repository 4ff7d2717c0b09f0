/**
 * Every shared GLA fixture and every fixture of this plugin, through the project's fixture
 * runner, on the wasm and cpu backends, for every form of the core (the fixtures never set
 * the implementation-only params: every choice must pass).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFormsOf } from '../fixtureForms.ts';
import { itPassesEveryFixtureInEveryForm } from '../fixtureForms.testkit.ts';
import { loadFixtures, SHARED_FIXTURES } from '../paper.testkit.ts';
import { glaLowering } from './lower.ts';
import { glaSpec } from './spec.ts';

const fixtures = [...loadFixtures(join(SHARED_FIXTURES, 'gla')), ...loadFixtures(join(import.meta.dirname, 'fixtures'))].map(
  (f) => f.fixture,
);

describe('gla fixtures', () => {
  it('finds the shared fixture and this plugin’s own', () => {
    expect(fixtures.some((f) => f.name === 'gla/gla_B2_L16_d8_H2')).toBe(true);
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  itPassesEveryFixtureInEveryForm({ spec: glaSpec, lowering: glaLowering }, fixtures, fixtureFormsOf('gla'));
});
