import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReport, loadFixtures, NODE_BACKENDS, runChecked, SHARED_FIXTURES, useBackend } from '../paper.testkit.ts';
import { powerNormLowering } from './lower.ts';
import { powerNormSpec } from './spec.ts';

const plugin = { spec: powerNormSpec, lowering: powerNormLowering };
const shared = loadFixtures(join(SHARED_FIXTURES, 'powernorm'));
const own = loadFixtures(join(import.meta.dirname, 'fixtures'));

describe.each(NODE_BACKENDS)('powernorm fixtures on %s', (backend) => {
  it('has the shared train and eval fixtures', () => {
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });
  it.each([...shared, ...own].map((f) => [f.fixture.name, f] as const))('%s', async (_name, { fixture }) => {
    await useBackend(backend);
    const { report, leaked } = await runChecked(fixture, plugin);
    expect(report.ok, describeReport(report)).toBe(true);
    expect(leaked).toBe(0);
  });
});
