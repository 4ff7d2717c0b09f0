/**
 * Every shared LSSL fixture and every fixture of this plugin, through the project's fixture
 * runner, on the wasm and cpu backends, for every form (recurrence, direct and FFT convolution; the fixtures never set
 * the implementation-only params: every choice must pass).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFormsOf } from '../fixtureForms.ts';
import { itPassesEveryFixtureInEveryForm } from '../fixtureForms.testkit.ts';
import { loadFixtures, SHARED_FIXTURES } from '../paper.testkit.ts';
import { lsslLowering } from './lower.ts';
import { lsslSpec } from './spec.ts';

const fixtures = [...loadFixtures(join(SHARED_FIXTURES, 'lssl')), ...loadFixtures(join(import.meta.dirname, 'fixtures'))].map(
  (f) => f.fixture,
);

describe('lssl fixtures', () => {
  it('finds the shared fixture and this plugin’s own', () => {
    expect(fixtures.some((f) => f.name === 'lssl/lssl_B2_L16_H4_N8_S2_M1_legs')).toBe(true);
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
  });

  itPassesEveryFixtureInEveryForm({ spec: lsslSpec, lowering: lsslLowering }, fixtures, fixtureFormsOf('lssl'));
});
