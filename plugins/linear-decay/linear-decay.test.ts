import { describe, expect, it } from 'vitest';
import { runSchedule } from '../_shared/plugin.testkit.ts';
import { linearDecayLowering } from './lower.ts';
import { linearDecaySpec } from './spec.ts';

describe('linear-decay', () => {
  it('decays linearly by t/T, ending at peak/T above the floor', () => {
    const s = runSchedule(linearDecaySpec, linearDecayLowering, { peakLr: 1 }, 4);
    expect(Array.from(s)).toEqual([1, 0.75, 0.5, 0.25]);
    const f = runSchedule(linearDecaySpec, linearDecayLowering, { peakLr: 0.5, minLr: 0.1 }, 10);
    expect(f[0]).toBeCloseTo(0.5, 7);
    expect(f[5]).toBeCloseTo(0.1 + 0.4 * 0.5, 7);
    expect(f[9]).toBeCloseTo(0.1 + 0.4 * 0.1, 7);
  });
});
