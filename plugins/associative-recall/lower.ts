import { createRng, defineLowering, type Rng } from '../../runtime/exec/sdk.ts';
import { createArraySource, type ArrayDataset } from '../_shared/arraySource.ts';
import { associativeRecallSpec, recallLength } from './spec.ts';

/** The first `k` entries of a seeded shuffle of 0..n-1. */
function sample(rng: Rng, n: number, k: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

/** Params of {@link generateRecall}. */
export interface RecallParams {
  readonly pairs: number;
  readonly queries: number;
  readonly vocabSize: number;
  readonly length: number;
  readonly samples: number;
  readonly seed: number;
}

/** Generates MQAR sequences (see the spec's doc for the layout). */
export function generateRecall(p: RecallParams): ArrayDataset {
  const rng = createRng(p.seed);
  const l = recallLength(p);
  const keyCount = Math.floor((p.vocabSize - 1) / 2);
  const valueCount = p.vocabSize - 1 - keyCount;
  const slots = Math.floor((l - 2 * p.pairs) / 2);
  const x = new Int32Array(p.samples * l);
  const y = new Int32Array(p.samples * l);
  const mask = new Float32Array(p.samples * l);
  for (let s = 0; s < p.samples; s++) {
    const base = s * l;
    const keys = sample(rng, keyCount, p.pairs).map((k) => 1 + k);
    const values = keys.map(() => 1 + keyCount + rng.int(valueCount));
    keys.forEach((k, i) => {
      x[base + 2 * i] = k;
      x[base + 2 * i + 1] = values[i]!;
    });
    const asked = sample(rng, p.pairs, p.queries);
    const where = sample(rng, slots, p.queries).sort((a, b) => a - b);
    asked.forEach((pair, q) => {
      const pos = base + 2 * p.pairs + 2 * where[q]!;
      x[pos] = keys[pair]!;
      x[pos + 1] = values[pair]!;
      y[pos] = values[pair]!;
      mask[pos] = 1;
    });
  }
  return {
    count: p.samples,
    columns: {
      x: { data: x, exampleShape: [l] },
      y: { data: y, exampleShape: [l] },
      mask: { data: mask, exampleShape: [l] },
    },
  };
}

/** Associative-recall data source. */
export const associativeRecallLowering = defineLowering(associativeRecallSpec, {
  id: associativeRecallSpec.id,
  source: ({ params }) =>
    createArraySource(generateRecall(params), { evalSplit: params.evalSplit, seed: params.seed }),
});
