import { classIdsValue, definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { classDataOutputs, dataSeedParam, evalSplitParam, samplesParam } from '../_shared/dataParams.ts';
import { parityTorch } from './torch.ts';

/** Parity of a bit sequence: a long-range dependency in its purest form. */
export const paritySpec = definePlugin({
  id: 'parity',
  version: '1.0.0',
  title: 'Parity',
  category: 'data',
  role: 'data',
  doc: 'x is a sequence of bits [?, length, 1] (floats 0/1); y is 1 when the number of ones is odd, else 0. Classes are balanced; every sequence of a class is equally likely.',
  inputs: {},
  outputs: classDataOutputs({ rank: 3, doc: 'Bits [?, length, 1].' }, 'Parity [?] (0 or 1).'),
  params: {
    length: { kind: 'int', default: 8, min: 1, max: 4096, log: true },
    samples: samplesParam(2000, 200_000),
    evalSplit: evalSplitParam,
    seed: dataSeedParam,
  },
  keyParams: ['length'],
  torch: parityTorch,
  infer: ({ params }) => ({
    outputs: { x: tensorValue([null, params.length, 1]), y: classIdsValue([null], 2) },
  }),
});
