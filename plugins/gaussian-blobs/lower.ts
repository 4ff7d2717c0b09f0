import { createRng, defineLowering } from '../../runtime/exec/sdk.ts';
import { classDataset, classSource, type ArrayDataset } from '../_shared/arraySource.ts';
import { gaussianBlobsSpec } from './spec.ts';

/** Generates the blobs; row i belongs to class i mod classes. */
export function generateBlobs(
  samples: number,
  classes: number,
  dims: number,
  spread: number,
  seed: number,
): ArrayDataset {
  const rng = createRng(seed);
  const centreRng = rng.fork('centres');
  const centres = Float64Array.from({ length: classes * dims }, () => centreRng.next() * 8 - 4);
  const x = new Float32Array(samples * dims);
  const y = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const c = i % classes;
    y[i] = c;
    for (let d = 0; d < dims; d++) x[i * dims + d] = centres[c * dims + d]! + spread * rng.normal();
  }
  return classDataset(x, [dims], y);
}

/** Gaussian-blobs data source. */
export const gaussianBlobsLowering = defineLowering(gaussianBlobsSpec, {
  id: gaussianBlobsSpec.id,
  source({ params }) {
    const ds = generateBlobs(params.samples, params.classes, params.dims, params.spread, params.seed);
    return classSource(ds, params);
  },
});
