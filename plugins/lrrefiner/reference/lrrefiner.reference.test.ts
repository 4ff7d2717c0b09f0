import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itMatchesOwnFixtureFiles, sharedFixtures, worstRatio } from '../../paper.testkit.ts';
import { medianSmooth } from '../refine.ts';
import { lrRefinerCases } from './cases.ts';
import { refineReference } from './lrrefiner.ts';

const shared = sharedFixtures('lrrefiner');

describe('lrrefiner float64 reference', () => {
  it.each(shared.map((f) => [f.fixture.name, f.fixture] as const))('reproduces shared %s', (_n, fx) => {
    const p = fx.params as { tau: number; norm: 'l2' | 'l1'; peakLr: number };
    const r = refineReference(fx.inputs.gradNorms!.data, p);
    expect(worstRatio(r.schedule, fx.expect.outputs!.schedule, 1e-12, 1e-9)).toBeLessThanOrEqual(1);
    expect(worstRatio(r.schedule.map((s) => s * p.peakLr), fx.expect.outputs!.lr, 1e-12, 1e-9)).toBeLessThanOrEqual(1);
  });

  it("agrees with the plugin's index-map median filter (two formulations of the same recipe)", () => {
    const g = Float64Array.from({ length: 37 }, (_, i) => Math.abs(Math.sin(i * 1.7)) + 0.1 + (i % 5 === 0 ? 3 : 0));
    for (const tau of [0.05, 0.1, 0.3, 1]) {
      const ref = refineReference(Array.from(g), { tau, norm: 'l2' });
      expect(Array.from(medianSmooth(g, ref.width))).toEqual(ref.smoothed);
    }
  });

  itMatchesOwnFixtureFiles(lrRefinerCases, 7, join(import.meta.dirname, '..'));
});
