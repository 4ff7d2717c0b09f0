import { createRng, defineLowering } from '../../runtime/exec/sdk.ts';
import { classDataset, classSource, type ArrayDataset } from '../_shared/arraySource.ts';
import { twoSpiralsSpec } from './spec.ts';

/**
 * Generates the spirals: angle θ = √u · turns · 2π (√ spreads points evenly along the arc),
 * radius θ / (turns · 2π); class 1 is class 0 rotated by π. Even rows are class 0.
 */
export function generateTwoSpirals(
  samples: number,
  noise: number,
  turns: number,
  seed: number,
): ArrayDataset {
  const rng = createRng(seed);
  const x = new Float32Array(samples * 2);
  const y = new Int32Array(samples);
  const maxAngle = turns * 2 * Math.PI;
  for (let i = 0; i < samples; i++) {
    const cls = i % 2;
    const theta = Math.sqrt(rng.next()) * maxAngle;
    const r = theta / maxAngle;
    const sign = cls === 0 ? 1 : -1;
    x[2 * i] = sign * r * Math.cos(theta) + noise * rng.normal();
    x[2 * i + 1] = sign * r * Math.sin(theta) + noise * rng.normal();
    y[i] = cls;
  }
  return classDataset(x, [2], y);
}

/** Two-spirals data source. */
export const twoSpiralsLowering = defineLowering(twoSpiralsSpec, {
  id: twoSpiralsSpec.id,
  source({ params }) {
    const ds = generateTwoSpirals(params.samples, params.noise, params.turns, params.seed);
    return classSource(ds, params);
  },
});
