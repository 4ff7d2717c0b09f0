import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeReport, loadFixtures, NODE_BACKENDS, runChecked, SHARED_FIXTURES, useBackend } from '../paper.testkit.ts';
import { quadraticConv2dLowering, quadraticDenseLowering } from './lower.ts';
import { quadraticConv2dSpec, quadraticDenseSpec } from './spec.ts';

const plugins = {
  'quadratic-dense': { spec: quadraticDenseSpec, lowering: quadraticDenseLowering },
  'quadratic-conv2d': { spec: quadraticConv2dSpec, lowering: quadraticConv2dLowering },
} as const;

const fixtures = [
  ...loadFixtures(join(SHARED_FIXTURES, 'quadratic-dense')),
  ...loadFixtures(join(SHARED_FIXTURES, 'quadratic-conv2d')),
  ...loadFixtures(join(import.meta.dirname, 'fixtures')),
];

describe.each(NODE_BACKENDS)('quadratic fixtures on %s', (backend) => {
  it('has shared and own fixtures', () => {
    expect(fixtures.filter((f) => f.file.includes('shared')).length).toBeGreaterThanOrEqual(2);
  });
  it.each(fixtures.map((f) => [f.fixture.name, f] as const))('%s', async (_name, { fixture }) => {
    await useBackend(backend);
    const plugin = plugins[fixture.plugin as keyof typeof plugins];
    expect(plugin, `no quadratic plugin "${fixture.plugin}"`).toBeDefined();
    const { report, leaked } = await runChecked(fixture, plugin);
    expect(report.ok, describeReport(report)).toBe(true);
    expect(leaked).toBe(0);
  });
});
