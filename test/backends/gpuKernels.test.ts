/**
 * The GPU kernel fixes (runtime/exec/gpuKernels.ts, docs/adr/0004) at the op level, in headless
 * Chromium on SwiftShader: rank-5/6 pads and the slice gradient, reverse cumsum/cumprod of
 * several lengths in a row, AddN of more inputs than a shader may bind. Each case must match
 * cpu and raise no WebGPU error; without the fixes every one of them fails on webgpu (pad also
 * on webgl).
 */
import { describe, expect, it } from 'vitest';
import { useRunHarness } from '../e2e/runSupport.ts';
import { withFixturePage } from './fixturePageSupport.ts';
import type { FixturePageApi, KernelCheck } from './types.ts';

const harness = useRunHarness();

describe('GPU kernel fixes at the op level', () => {
  for (const backend of ['webgpu', 'webgl'] as const) {
    it(`match cpu on ${backend}`, async () => {
      const checks: KernelCheck[] = await withFixturePage(harness, (page) =>
        page.evaluate((b) => (window as unknown as { __nwFixtures: FixturePageApi }).__nwFixtures.kernels(b), backend),
      );
      expect(checks.length).toBeGreaterThan(20);
      const bad = checks.filter((c) => !(c.maxAbsError <= 1e-4) || c.gpuErrors.length > 0);
      expect(bad.map((c) => `${c.name}: max |Δ| ${c.maxAbsError}${c.error ? `, threw: ${c.error.slice(0, 160)}` : ''}${c.gpuErrors.length > 0 ? `, WebGPU: ${c.gpuErrors[0]!.slice(0, 160)}` : ''}`)).toEqual([]);
    }, 300_000);
  }
});
