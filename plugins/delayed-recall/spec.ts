import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { classDataOutputs, dataSeedParam, evalSplitParam, samplesParam } from '../_shared/dataParams.ts';
import { delayedRecallTorch } from './torch.ts';

/** Position of the signal token: `length - 1 - delay`, or 0 when delay is -1. */
export function signalPosition(p: { length: number; delay: number }): number {
  return p.delay < 0 ? 0 : p.length - 1 - p.delay;
}

/**
 * Long-range memory: one signal token among blanks, to be recalled at the end of the sequence.
 * With the default delay the model must carry the first token across the whole sequence.
 */
export const delayedRecallSpec = definePlugin({
  id: 'delayed-recall',
  version: '1.0.0',
  title: 'Delayed recall',
  category: 'data',
  role: 'data',
  doc: 'x is [?, length] tokens: blanks (0) except one signal token in 1..vocab-1 placed "delay" steps before the last position (delay -1: at the first position). y is the signal token: read the last step (select-last) and classify into vocab classes. Signals are balanced.',
  inputs: {},
  outputs: classDataOutputs({ rank: 2, dtype: 'int32', doc: 'Tokens [?, length].' }, 'The signal token [?].'),
  params: {
    length: { kind: 'int', default: 256, min: 2, max: 65536, log: true },
    delay: {
      kind: 'int',
      default: -1,
      min: -1,
      max: 65535,
      doc: 'Steps between the signal and the last position; -1 = length - 1 (the first token).',
    },
    vocab: {
      kind: 'int',
      default: 8,
      min: 2,
      max: 65536,
      log: true,
      label: 'Vocabulary size',
      doc: 'Token ids 0..vocab-1; 0 is the blank.',
    },
    samples: samplesParam(2000, 200_000),
    evalSplit: evalSplitParam,
    seed: dataSeedParam,
  },
  keyParams: ['length', 'delay'],
  torch: delayedRecallTorch,
  infer(ctx) {
    const p = ctx.params;
    if (p.delay > p.length - 1) {
      return ctx.fail(
        `"delay" ${p.delay} is longer than the sequence allows (at most length - 1 = ${p.length - 1})`,
        { param: 'delay' },
      );
    }
    return { outputs: { x: tensorValue([null, p.length], 'int32'), y: tensorValue([null], 'int32') } };
  },
});
