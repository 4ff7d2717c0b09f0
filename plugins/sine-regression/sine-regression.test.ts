import { describe, expect, it } from 'vitest';
import { expectSourceAsInferred, runTestsOnWasm } from '../_shared/plugin.testkit.ts';
import { generateSine, sineRegressionLowering } from './lower.ts';
import { sineRegressionSpec } from './spec.ts';

runTestsOnWasm();

describe('sine-regression', () => {
  it('yields inferred shapes, repeats for a seed and leaks nothing', () => {
    expectSourceAsInferred(sineRegressionSpec, sineRegressionLowering, { samples: 50 });
  });

  it('without noise, y = amplitude · sin(frequency · x) with x in [-π, π]', () => {
    const ds = generateSine(100, 2, 3, 0, 1);
    const x = ds.columns.x!.data;
    const y = ds.columns.y!.data;
    for (let i = 0; i < 100; i++) {
      expect(Math.abs(x[i]!)).toBeLessThanOrEqual(Math.PI + 1e-6);
      expect(y[i]).toBeCloseTo(3 * Math.sin(2 * x[i]!), 5);
    }
  });
});
