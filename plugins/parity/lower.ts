import { createRng, defineLowering } from '../../runtime/exec/sdk.ts';
import { classDataset, classSource, type ArrayDataset } from '../_shared/arraySource.ts';
import { paritySpec } from './spec.ts';

/**
 * Generates parity examples. Row i has parity i mod 2: the first length-1 bits are uniform and
 * the last one is set to reach that parity, which makes every string of that parity equally
 * likely while balancing the classes exactly.
 */
export function generateParity(samples: number, length: number, seed: number): ArrayDataset {
  const rng = createRng(seed);
  const x = new Float32Array(samples * length);
  const y = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const target = i % 2;
    let ones = 0;
    for (let t = 0; t < length - 1; t++) {
      const bit = rng.next() < 0.5 ? 0 : 1;
      x[i * length + t] = bit;
      ones += bit;
    }
    x[i * length + length - 1] = (ones + target) % 2;
    y[i] = target;
  }
  return classDataset(x, [length, 1], y);
}

/** Parity data source. */
export const parityLowering = defineLowering(paritySpec, {
  id: paritySpec.id,
  source({ params }) {
    return classSource(generateParity(params.samples, params.length, params.seed), params);
  },
});
