import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { sourceFacts } from '../_shared/plugin.testkit.ts';
import { generateSine, sineRegressionLowering } from './lower.ts';
import { sineRegressionSpec } from './spec.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('sine-regression', () => {
  it('yields inferred shapes, repeats for a seed and leaks nothing', () => {
    const f = sourceFacts(sineRegressionSpec, sineRegressionLowering, { samples: 50 });
    expect(f.real).toEqual(f.inferred);
    expect(f.repeatable).toBe(true);
    expect(f.leaked).toBe(0);
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
