import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReport, loadFixtures, NODE_BACKENDS, runChecked, SHARED_FIXTURES, useBackend } from '../paper.testkit.ts';
import { apMaskLowering } from './lower.ts';
import { apMaskSpec } from './spec.ts';

const plugin = { spec: apMaskSpec, lowering: apMaskLowering };
const shared = loadFixtures(join(SHARED_FIXTURES, 'apmask'));
const own = loadFixtures(join(import.meta.dirname, 'fixtures'));

describe.each(NODE_BACKENDS)('apmask fixtures on %s', (backend) => {
  it('has the shared dnr and pruneCycle fixtures', () => {
    expect(shared.map((f) => f.fixture.call).sort()).toEqual(['dnr', 'pruneCycle']);
  });
  it.each([...shared, ...own].map((f) => [f.fixture.name, f] as const))('%s', async (_name, { fixture }) => {
    await useBackend(backend);
    const { report, leaked } = await runChecked(fixture, plugin);
    expect(leaked).toBe(0);
    expect(report.ok, describeReport(report)).toBe(true);
  });
});
