/**
 * A {@link DataSource} over examples held in typed arrays: the shared engine of every built-in
 * data plugin. Generators only fill arrays; splitting, shuffling and batching live here once.
 */
import { tf } from '../../runtime/exec/tf.ts';
import { createRng, type DataSource, type TensorMap } from '../../runtime/exec/sdk.ts';

/** One output port's examples, row-major, `count × exampleShape`. */
export interface ArrayColumn {
  readonly data: Float32Array | Int32Array;
  /** Shape of one example (`[]` for a scalar label). */
  readonly exampleShape: readonly number[];
}

/** Examples of every output port; all columns hold `count` examples. */
export interface ArrayDataset {
  readonly count: number;
  readonly columns: Readonly<Record<string, ArrayColumn>>;
}

/** How {@link createArraySource} splits and shuffles. */
export interface ArraySourceOptions {
  /** Fraction of examples held out for evaluation, in [0, 1). */
  readonly evalSplit: number;
  readonly seed: number;
  /**
   * An int32 column of class ids with scalar examples: when given, the split is stratified so
   * both splits keep the class balance.
   */
  readonly stratify?: string;
}

/** A classification dataset: examples `x` of shape `exampleShape`, each with one int32 class id in `y`. */
export function classDataset(x: Float32Array | Int32Array, exampleShape: readonly number[], y: Int32Array): ArrayDataset {
  return { count: y.length, columns: { x: { data: x, exampleShape }, y: { data: y, exampleShape: [] } } };
}

/** Fisher-Yates shuffle of `0..n-1` from a seeded generator. */
export function seededPermutation(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

function splitIndices(ds: ArrayDataset, opts: ArraySourceOptions): { train: Int32Array; eval: Int32Array } {
  const order = seededPermutation(ds.count, opts.seed);
  const strat = opts.stratify === undefined ? undefined : ds.columns[opts.stratify];
  const groups = new Map<number, number[]>();
  for (const i of order) {
    const key = strat ? (strat.data[i] ?? 0) : 0;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const train: number[] = [];
  const evalIdx: number[] = [];
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const g = groups.get(key)!;
    const nEval = Math.round(g.length * opts.evalSplit);
    evalIdx.push(...g.slice(0, nEval));
    train.push(...g.slice(nEval));
  }
  // Sorting keeps the eval split in a fixed order; training order comes from per-epoch shuffles.
  return { train: Int32Array.from(train), eval: Int32Array.from(evalIdx.sort((a, b) => a - b)) };
}

function gather(ds: ArrayDataset, rows: ArrayLike<number>): TensorMap {
  const out: TensorMap = {};
  for (const [name, col] of Object.entries(ds.columns)) {
    const per = col.exampleShape.reduce((a, b) => a * b, 1);
    const isInt = col.data instanceof Int32Array;
    const buf = isInt ? new Int32Array(rows.length * per) : new Float32Array(rows.length * per);
    for (let r = 0; r < rows.length; r++) {
      const src = rows[r]! * per;
      buf.set(col.data.subarray(src, src + per), r * per);
    }
    out[name] = tf.tensor(buf, [rows.length, ...col.exampleShape], isInt ? 'int32' : 'float32');
  }
  return out;
}

/**
 * Builds a data source: a seeded (optionally stratified) train/eval split, a fresh seeded
 * shuffle of the training split every epoch, and fixed-order evaluation batches.
 *
 * Training `index` may count from 0 within each epoch (a request for batch 0 after others
 * starts the next epoch) or run on across epochs (the epoch is then `index·batchSize / size`);
 * either way the order is a pure function of the seed and the sequence of requests.
 */
export function createArraySource(ds: ArrayDataset, opts: ArraySourceOptions): DataSource {
  const split = splitIndices(ds, opts);
  let restarts = 0;
  let servedTrain = false;
  const perms = new Map<number, Int32Array>();
  const permFor = (epoch: number): Int32Array => {
    let p = perms.get(epoch);
    if (!p) {
      p = seededPermutation(split.train.length, (opts.seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0);
      if (perms.size > 2) perms.clear();
      perms.set(epoch, p);
    }
    return p;
  };
  return {
    size: { train: split.train.length, eval: split.eval.length },
    batch(which, index, batchSize) {
      const idx = which === 'train' ? split.train : split.eval;
      const n = idx.length;
      if (n === 0) throw new Error(`the ${which} split is empty: raise "samples" or change "evalSplit"`);
      if (which === 'train') {
        if (index === 0 && servedTrain) restarts++;
        servedTrain = true;
      }
      const rows = new Int32Array(batchSize);
      for (let j = 0; j < batchSize; j++) {
        const q = index * batchSize + j;
        const pos = q % n;
        if (which === 'eval') rows[j] = idx[pos]!;
        else rows[j] = idx[permFor(restarts + Math.floor(q / n))[pos]!]!;
      }
      return gather(ds, rows);
    },
    all(which) {
      return gather(ds, which === 'train' ? split.train : split.eval);
    },
    dispose() {
      perms.clear();
    },
  };
}

/** The source of a {@link classDataset}: the eval split stratified by class. */
export function classSource(ds: ArrayDataset, params: { readonly evalSplit: number; readonly seed: number }): DataSource {
  return createArraySource(ds, { evalSplit: params.evalSplit, seed: params.seed, stratify: 'y' });
}
