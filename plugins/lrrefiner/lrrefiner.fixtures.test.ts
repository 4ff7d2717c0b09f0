import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReport, loadFixtures, NODE_BACKENDS, runChecked, SHARED_FIXTURES, useBackend } from '../paper.testkit.ts';
import { lrRefinerLowering } from './lower.ts';
import { lrRefinerSpec } from './spec.ts';

const plugin = { spec: lrRefinerSpec, lowering: lrRefinerLowering };
const shared = loadFixtures(join(SHARED_FIXTURES, 'lrrefiner'));
const own = loadFixtures(join(import.meta.dirname, 'fixtures'));

describe.each(NODE_BACKENDS)('lrrefiner fixtures on %s', (backend) => {
  it('has the shared fixture', () => {
    expect(shared.length).toBeGreaterThanOrEqual(1);
  });
  it.each([...shared, ...own].map((f) => [f.fixture.name, f] as const))('%s', async (_name, { fixture }) => {
    await useBackend(backend);
    const { report, leaked } = await runChecked(fixture, plugin);
    expect(report.ok, describeReport(report)).toBe(true);
    expect(leaked).toBe(0);
  });
});
