import { createRng, defineLowering, type DataSource, type TensorMap } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { datasetShelf, describeDataset, type DatasetShelf } from '../_shared/datasetShelf.ts';
import { CorpusError, encodeCorpus, evalStart, type CorpusLevel, type EncodedCorpus } from './corpus.ts';
import { textCorpusSpec } from './spec.ts';

/** The node params the source reads. */
export interface CorpusSourceParams {
  readonly dataset: string;
  readonly size: number;
  readonly sha256: string;
  readonly level: CorpusLevel;
  readonly vocab: string;
  readonly context: number;
  readonly evalFraction: number;
  readonly evalWindows: number;
  readonly seed: number;
}

// Encoding a large file takes a while; runs of the same graph reuse it (newest two kept).
const encoded = new Map<string, EncodedCorpus>();

/** The node's corpus encoded from the shelf, or a message naming the dataset and what to do. */
export function loadCorpus(params: CorpusSourceParams, shelf: DatasetShelf = datasetShelf): EncodedCorpus {
  const ref = { name: params.dataset, size: params.size, sha256: params.sha256 };
  const held = params.sha256 === '' ? undefined : shelf.get(params.sha256);
  if (!held) {
    throw new CorpusError(
      `dataset ${describeDataset(ref)} is not loaded here: in the CLI pass --data NODE=PATH (or put it next to the graph); in the editor choose the file in the run panel's Data section`,
    );
  }
  const key = `${params.sha256}/${params.level}/${params.vocab}`;
  let corpus = encoded.get(key);
  if (!corpus) {
    corpus = encodeCorpus(held.bytes, held.name, params.level, params.vocab);
    if (encoded.size >= 2) encoded.delete(encoded.keys().next().value!);
    encoded.set(key, corpus);
  }
  return corpus;
}

function windows(ids: Uint16Array, starts: ArrayLike<number>, context: number): TensorMap {
  const x = new Int32Array(starts.length * context);
  const y = new Int32Array(starts.length * context);
  for (let r = 0; r < starts.length; r++) {
    const s = starts[r]!;
    for (let t = 0; t < context; t++) {
      x[r * context + t] = ids[s + t]!;
      y[r * context + t] = ids[s + t + 1]!;
    }
  }
  return { x: tf.tensor2d(x, [starts.length, context], 'int32'), y: tf.tensor2d(y, [starts.length, context], 'int32') };
}

/**
 * Windows of a corpus: training windows start at seeded random offsets in the part before the
 * held-out tail (the sequence of starts is a pure function of the seed and the requests); the
 * eval windows tile the tail from its start.
 */
export function corpusSource(corpus: EncodedCorpus, params: CorpusSourceParams): DataSource {
  const { context } = params;
  const tail = evalStart(corpus.ids.length, params.evalFraction);
  const trainStarts = tail - context; // a window needs context + 1 tokens
  if (trainStarts < 1) throw new CorpusError(`the text before the held-out tail has ${tail} tokens, fewer than one window needs (context ${context} + 1): use a longer file or a shorter context`);
  const evalCount = Math.min(params.evalWindows, Math.floor((corpus.ids.length - tail - 1) / context));
  if (evalCount < 1) throw new CorpusError(`the held-out tail has ${corpus.ids.length - tail} tokens, fewer than one window needs (context ${context} + 1): raise "evalFraction" or shorten the context`);
  const evalStarts = Int32Array.from({ length: evalCount }, (_, i) => tail + i * context);
  const rng = createRng(params.seed);
  return {
    size: { train: trainStarts, eval: evalCount },
    batch(which, index, batchSize) {
      if (which === 'eval') return windows(corpus.ids, Int32Array.from({ length: batchSize }, (_, j) => evalStarts[(index * batchSize + j) % evalCount]!), context);
      return windows(corpus.ids, Int32Array.from({ length: batchSize }, () => rng.int(trainStarts)), context);
    },
    all(which) {
      if (which === 'eval') return windows(corpus.ids, evalStarts, context);
      // As many training windows as eval windows, tiling the start of the file.
      const count = Math.min(evalCount, Math.ceil(trainStarts / context));
      return windows(corpus.ids, Int32Array.from({ length: count }, (_, i) => i * context), context);
    },
    dispose() {},
  };
}

/** Text corpus source: the bytes come from this realm's dataset shelf (filled by the host). */
export const textCorpusLowering = defineLowering(textCorpusSpec, {
  id: textCorpusSpec.id,
  source({ params }) {
    return corpusSource(loadCorpus(params), params);
  },
});
