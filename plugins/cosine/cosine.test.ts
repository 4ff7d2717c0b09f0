import { describe, expect, it } from 'vitest';
import { runSchedule } from '../_shared/plugin.testkit.ts';
import { cosineLowering } from './lower.ts';
import { cosineSpec } from './spec.ts';

describe('cosine', () => {
  it('follows half a cosine from peakLr towards minLr', () => {
    const s = runSchedule(cosineSpec, cosineLowering, { peakLr: 0.1, minLr: 0.01 }, 100);
    expect(s.length).toBe(100);
    expect(s[0]).toBeCloseTo(0.1, 7);
    expect(s[50]).toBeCloseTo(0.055, 7); // cos(π/2) = 0: halfway between
    expect(s[25]).toBeCloseTo(0.01 + (0.09 * (1 + Math.SQRT1_2)) / 2, 7);
    expect(s[99]).toBeGreaterThan(0.01);
    for (let t = 1; t < 100; t++) expect(s[t]).toBeLessThan(s[t - 1]!);
  });
});
