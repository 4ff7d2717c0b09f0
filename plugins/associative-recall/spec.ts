import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { dataSeedParam, evalSplitParam, samplesParam } from '../_shared/dataParams.ts';
import { associativeRecallTorch } from './torch.ts';

/** Sequence length of an associative-recall example: `length`, or the shortest that fits. */
export function recallLength(p: { pairs: number; queries: number; length: number }): number {
  return p.length > 0 ? p.length : 2 * (p.pairs + p.queries);
}

/**
 * Multi-query associative recall (MQAR, Zoology): key-value pairs, then keys asked again; the
 * model must output each key's value at the query position.
 */
export const associativeRecallSpec = definePlugin({
  id: 'associative-recall',
  version: '1.0.0',
  title: 'Associative recall',
  category: 'data',
  role: 'data',
  doc: 'Tokens: "k1 v1 k2 v2 ... kN vN" then queries "k v" at random slots of the rest (0 = blank). Keys are distinct ids in 1..K, values ids in K+1..vocabSize-1 (K = (vocabSize-1) div 2). y is the value at each query key position and 0 elsewhere; mask is 1 only at query key positions. Feed pred [?, L, vocabSize] logits to cross-entropy with this mask.',
  inputs: {},
  outputs: {
    x: { kind: 'tensor', rank: 2, dtype: 'int32', doc: 'Tokens [?, L].' },
    y: { kind: 'tensor', rank: 2, dtype: 'int32', doc: 'Target tokens [?, L] (0 where unscored).' },
    mask: { kind: 'tensor', rank: 2, doc: 'Scored positions [?, L]: 1 at query keys, else 0.' },
  },
  params: {
    pairs: { kind: 'int', default: 8, min: 1, max: 1024, doc: 'Key-value pairs per sequence.' },
    queries: {
      kind: 'int',
      default: 4,
      min: 1,
      max: 1024,
      doc: 'Keys asked again (distinct, at most "pairs").',
    },
    vocabSize: { kind: 'int', default: 64, min: 5, max: 65536, log: true, label: 'Vocabulary size' },
    length: {
      kind: 'int',
      default: 0,
      min: 0,
      max: 65536,
      doc: 'Sequence length; 0 = the shortest that fits, 2·(pairs + queries).',
    },
    samples: samplesParam(4000, 200_000),
    evalSplit: evalSplitParam,
    seed: dataSeedParam,
  },
  keyParams: ['pairs', 'queries', 'vocabSize'],
  torch: associativeRecallTorch,
  infer(ctx) {
    const p = ctx.params;
    if (p.queries > p.pairs)
      return ctx.fail(`"queries" (${p.queries}) cannot exceed "pairs" (${p.pairs})`, { param: 'queries' });
    const keys = Math.floor((p.vocabSize - 1) / 2);
    if (keys < p.pairs) {
      return ctx.fail(
        `vocabSize ${p.vocabSize} gives only ${keys} distinct keys for ${p.pairs} pairs: raise it to ${2 * p.pairs + 1}`,
        {
          param: 'vocabSize',
        },
      );
    }
    const min = 2 * (p.pairs + p.queries);
    if (p.length > 0 && p.length < min)
      return ctx.fail(`"length" ${p.length} is too short: it needs at least ${min}`, { param: 'length' });
    const l = recallLength(p);
    return {
      outputs: {
        x: tensorValue([null, l], 'int32'),
        y: tensorValue([null, l], 'int32'),
        mask: tensorValue([null, l]),
      },
    };
  },
});
