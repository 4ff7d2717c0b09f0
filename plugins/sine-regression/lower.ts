import { createRng, defineLowering } from '../../runtime/exec/sdk.ts';
import { createArraySource, type ArrayDataset } from '../_shared/arraySource.ts';
import { sineRegressionSpec } from './spec.ts';

/** Generates the noisy sine samples. */
export function generateSine(
  samples: number,
  frequency: number,
  amplitude: number,
  noise: number,
  seed: number,
): ArrayDataset {
  const rng = createRng(seed);
  const x = new Float32Array(samples);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const v = (rng.next() * 2 - 1) * Math.PI;
    x[i] = v;
    y[i] = amplitude * Math.sin(frequency * v) + noise * rng.normal();
  }
  return {
    count: samples,
    columns: { x: { data: x, exampleShape: [1] }, y: { data: y, exampleShape: [1] } },
  };
}

/** Sine-regression data source. */
export const sineRegressionLowering = defineLowering(sineRegressionSpec, {
  id: sineRegressionSpec.id,
  source({ params }) {
    const ds = generateSine(params.samples, params.frequency, params.amplitude, params.noise, params.seed);
    return createArraySource(ds, { evalSplit: params.evalSplit, seed: params.seed });
  },
});
