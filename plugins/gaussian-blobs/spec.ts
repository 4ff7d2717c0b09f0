import { classIdsValue, definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { classDataOutputs, dataSeedParam, evalSplitParam, samplesParam } from '../_shared/dataParams.ts';
import { gaussianBlobsTorch } from './torch.ts';

/** Gaussian clusters, one per class, around seeded random centres. */
export const gaussianBlobsSpec = definePlugin({
  id: 'gaussian-blobs',
  version: '1.0.0',
  title: 'Gaussian blobs',
  category: 'data',
  role: 'data',
  doc: 'One Gaussian cluster per class around a centre drawn uniformly in [-4, 4]^dims; y is the class id. Classes are balanced.',
  inputs: {},
  outputs: classDataOutputs({ rank: 2, doc: 'Points [?, dims].' }, 'Class ids [?].'),
  params: {
    samples: samplesParam(600, 200_000),
    classes: { kind: 'int', default: 3, min: 2, max: 100 },
    dims: { kind: 'int', default: 2, min: 1, max: 1024, log: true, label: 'Dimensions' },
    spread: {
      kind: 'float',
      default: 1,
      min: 0,
      max: 10,
      step: 0.1,
      doc: 'Standard deviation of each cluster.',
    },
    evalSplit: evalSplitParam,
    seed: dataSeedParam,
  },
  keyParams: ['classes', 'dims', 'spread'],
  torch: gaussianBlobsTorch,
  infer: ({ params }) => ({
    outputs: { x: tensorValue([null, params.dims]), y: classIdsValue([null], params.classes) },
  }),
});
