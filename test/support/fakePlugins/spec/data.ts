/** Fake data sources: nodes with no inputs that emit batches. */
import { definePlugin, tensorValue } from '../../../../runtime/sdk/index.ts';
import { fakeHead } from './builders.ts';

/** Batches of `features`-vectors on port `x`; `features` is a key param (node title). */
export const testSourceSpec = definePlugin({
  ...fakeHead({ role: 'data', id: 'test.source', title: 'Source', doc: 'Emits batches of feature vectors.' }),
  inputs: {},
  outputs: { x: { kind: 'tensor', rank: 2 } },
  params: { features: { kind: 'int', default: 2, min: 1, max: 4096 } },
  keyParams: ['features'],
  infer: ({ params }) => ({ outputs: { x: tensorValue([null, params.features]) } }),
});

/** Rank-3 batches; `kernel` is an `ints` param. */
export const testSequenceSpec = definePlugin({
  ...fakeHead({ role: 'data', id: 'test.sequence', title: 'Sequence source', doc: 'Emits rank-3 batches.' }),
  category: 'sequence',
  inputs: {},
  outputs: { x: { kind: 'tensor', rank: 3 } },
  params: { kernel: { kind: 'ints', default: [3, 3], length: 2, min: 1 } },
  infer: () => ({ outputs: { x: tensorValue([null, 4, 4]) } }),
});

/** A data source: `y` is a batch of `features`-vectors. */
export const srcSpec = definePlugin({
  ...fakeHead({ role: 'data', id: 'src', title: 'Source', doc: 'Batches of vectors.' }),
  inputs: {},
  outputs: { y: { kind: 'tensor', rank: 2 } },
  params: { features: { kind: 'int', default: 2, min: 1 } },
  infer: ({ params }) => ({ outputs: { y: tensorValue([null, params.features]) } }),
});

/** Two Gaussian blobs in 2-D, labels one-hot (lowering in ../lower.ts). */
export const tBlobsSpec = definePlugin({
  ...fakeHead({ role: 'data', id: 't.blobs', title: 'Blobs', doc: 'test data' }),
  inputs: {},
  outputs: { x: { kind: 'tensor', rank: 2 }, y: { kind: 'tensor', rank: 2 } },
  params: {
    samples: { kind: 'int', default: 200, min: 4 },
    evalSplit: { kind: 'float', default: 0.25 },
    gap: { kind: 'float', default: 2 },
  },
  infer: () => ({ outputs: { x: tensorValue([null, 2]), y: tensorValue([null, 2]) } }),
});
