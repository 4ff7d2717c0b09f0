import { defineLowering } from '../../runtime/exec/sdk.ts';
import { classDataset, classSource, type ArrayDataset } from '../_shared/arraySource.ts';
import { delayedRecallSpec, signalPosition } from './spec.ts';

/** Generates delayed-recall sequences; row i carries signal 1 + (i mod (vocab-1)). */
export function generateDelayed(samples: number, length: number, delay: number, vocab: number): ArrayDataset {
  const pos = signalPosition({ length, delay });
  const x = new Int32Array(samples * length);
  const y = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const signal = 1 + (i % (vocab - 1));
    x[i * length + pos] = signal;
    y[i] = signal;
  }
  return classDataset(x, [length], y);
}

/** Delayed-recall data source (the seed orders the split and the batches). */
export const delayedRecallLowering = defineLowering(delayedRecallSpec, {
  id: delayedRecallSpec.id,
  source({ params }) {
    const ds = generateDelayed(params.samples, params.length, params.delay, params.vocab);
    return classSource(ds, params);
  },
});
