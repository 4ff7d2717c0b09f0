import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `delayed-recall`: `generateDelayed` of lower.ts in Python (deterministic; the seed orders split and batches). */
export const delayedRecallTorch: TorchEmitter = {
  source: `def delayed_recall(samples, length, delay, vocab):
    """Netwright "delayed-recall": one signal token 1 + (i mod (vocab-1)) at length-1-delay (0 if delay < 0); y is the signal."""
    pos = 0 if delay < 0 else length - 1 - delay
    x = torch.zeros(samples, length, dtype=torch.int32)
    y = torch.tensor([1 + (i % (vocab - 1)) for i in range(samples)], dtype=torch.int32)
    x[:, pos] = y
    return {"x": x, "y": y}
`,
  construct: ({ params, py }) =>
    `ArraySource(delayed_recall(samples=${py(params.samples)}, length=${py(params.length)}, delay=${py(params.delay)}, vocab=${py(params.vocab)}), eval_split=${py(params.evalSplit)}, seed=${py(params.seed)}, stratify="y")`,
};
