import { describe, expect, it } from 'vitest';
import { runSchedule } from '../_shared/plugin.testkit.ts';
import { constantLrLowering } from './lower.ts';
import { constantLrSpec } from './spec.ts';

describe('constant-lr', () => {
  it('gives peakLr at every step, totalSteps long', () => {
    const s = runSchedule(constantLrSpec, constantLrLowering, { peakLr: 0.02 }, 5);
    expect(Array.from(s)).toEqual(Array.from({ length: 5 }, () => Math.fround(0.02)));
    expect(runSchedule(constantLrSpec, constantLrLowering, {}, 0).length).toBe(0);
  });
});
