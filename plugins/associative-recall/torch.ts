import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `associative-recall`: `generateRecall` of lower.ts in Python, on the same seeded Rng. */
export const associativeRecallTorch: TorchEmitter = {
  source: `def _recall_sample(rng, n, k):
    a = list(range(n))
    for i in range(k):
        j = i + rng.int(n - i)
        a[i], a[j] = a[j], a[i]
    return a[:k]


def associative_recall(pairs, queries, vocab_size, length, samples, seed):
    """Netwright "associative-recall" (MQAR): pairs, then keys asked again; y and mask at the query positions."""
    rng = Rng(seed)
    l = length if length > 0 else 2 * (pairs + queries)
    key_count = (vocab_size - 1) // 2
    value_count = vocab_size - 1 - key_count
    slots = (l - 2 * pairs) // 2
    x = [[0] * l for _ in range(samples)]
    y = [[0] * l for _ in range(samples)]
    mask = [[0.0] * l for _ in range(samples)]
    for s in range(samples):
        keys = [1 + k for k in _recall_sample(rng, key_count, pairs)]
        values = [1 + key_count + rng.int(value_count) for _ in keys]
        for i, k in enumerate(keys):
            x[s][2 * i] = k
            x[s][2 * i + 1] = values[i]
        asked = _recall_sample(rng, pairs, queries)
        where = sorted(_recall_sample(rng, slots, queries))
        for q, pair in enumerate(asked):
            pos = 2 * pairs + 2 * where[q]
            x[s][pos] = keys[pair]
            x[s][pos + 1] = values[pair]
            y[s][pos] = values[pair]
            mask[s][pos] = 1.0
    return {"x": torch.tensor(x, dtype=torch.int32), "y": torch.tensor(y, dtype=torch.int32), "mask": torch.tensor(mask, dtype=torch.float32)}
`,
  construct: ({ params, py }) =>
    `ArraySource(associative_recall(pairs=${py(params.pairs)}, queries=${py(params.queries)}, vocab_size=${py(params.vocabSize)}, length=${py(params.length)}, samples=${py(params.samples)}, seed=${py(params.seed)}), eval_split=${py(params.evalSplit)}, seed=${py(params.seed)})`,
};
