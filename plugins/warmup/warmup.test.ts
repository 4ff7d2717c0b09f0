import { describe, expect, it } from 'vitest';
import { runSchedule } from '../_shared/plugin.testkit.ts';
import { warmupLowering } from './lower.ts';
import { warmupSpec } from './spec.ts';

describe('warmup', () => {
  it('ramps linearly to peakLr over warmupSteps', () => {
    const s = runSchedule(warmupSpec, warmupLowering, { peakLr: 1, warmupSteps: 4, decay: 'constant' }, 8);
    expect(Array.from(s)).toEqual([0.25, 0.5, 0.75, 1, 1, 1, 1, 1]);
  });

  it('then decays linearly or by cosine over the remaining steps', () => {
    const lin = runSchedule(
      warmupSpec,
      warmupLowering,
      { peakLr: 1, warmupSteps: 2, decay: 'linear', minLr: 0 },
      6,
    );
    expect(Array.from(lin)).toEqual([0.5, 1, 1, 0.75, 0.5, 0.25]);
    const cos = runSchedule(
      warmupSpec,
      warmupLowering,
      { peakLr: 2, warmupSteps: 10, decay: 'cosine', minLr: 0.2 },
      30,
    );
    expect(cos[9]).toBeCloseTo(2, 6);
    expect(cos[10]).toBeCloseTo(2, 6);
    expect(cos[20]).toBeCloseTo(0.2 + 1.8 * 0.5, 6);
  });

  it('cuts a warm-up longer than the run', () => {
    const s = runSchedule(warmupSpec, warmupLowering, { peakLr: 1, warmupSteps: 100 }, 4);
    expect(Array.from(s)).toEqual([0.25, 0.5, 0.75, 1]);
  });
});
