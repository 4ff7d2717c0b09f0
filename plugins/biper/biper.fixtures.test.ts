import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReport, loadFixtures, NODE_BACKENDS, runChecked, SHARED_FIXTURES, useBackend } from '../paper.testkit.ts';
import { biperConv2dLowering, biperDenseLowering } from './lower.ts';
import { biperConv2dSpec, biperDenseSpec } from './spec.ts';

const plugins = {
  'biper-dense': { spec: biperDenseSpec, lowering: biperDenseLowering },
  'biper-conv2d': { spec: biperConv2dSpec, lowering: biperConv2dLowering },
} as const;

const shared = [...loadFixtures(join(SHARED_FIXTURES, 'biper-dense')), ...loadFixtures(join(SHARED_FIXTURES, 'biper-conv2d'))];
const own = loadFixtures(join(import.meta.dirname, 'fixtures'));

describe.each(NODE_BACKENDS)('biper fixtures on %s', (backend) => {
  it('has the shared dense and conv fixtures', () => {
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });
  it.each([...shared, ...own].map((f) => [f.fixture.name, f] as const))('%s', async (_name, { fixture }) => {
    await useBackend(backend);
    const plugin = plugins[fixture.plugin as keyof typeof plugins];
    expect(plugin, `no biper plugin "${fixture.plugin}"`).toBeDefined();
    const { report, leaked } = await runChecked(fixture, plugin);
    expect(report.ok, describeReport(report)).toBe(true);
    expect(leaked).toBe(0);
  });
});
