import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/**
 * PyTorch emitter of `text-corpus`: train.py reads the file the graph names (found as the CLI's
 * `--data` finds it, SHA-256 checked), encodes it as `corpus.ts` does (strict UTF-8, the saved
 * character vocabulary or bytes), and draws the same windows as `lower.ts`: training starts from
 * the node's seeded generator (one draw per row, in step order), eval windows tiling the held-out
 * tail. The rows are the global batch; each DDP process takes its share.
 */
export const textCorpusTorch: TorchEmitter = {
  source: `from netwright_torch import dataset_file


def corpus_ids(node, path, level, vocab):
    """Netwright "text-corpus": the file's token ids (corpus.ts: strict UTF-8, one id per character of vocab, or bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    if not data:
        raise SystemExit(f'node "{node}": "{path}" is empty (0 bytes)')
    if level == "byte":
        return torch.tensor(list(data), dtype=torch.int64)
    if b"\\0" in data:
        raise SystemExit(f'node "{node}": "{path}" is not UTF-8 text: it has a NUL byte')
    try:
        text = data.decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as e:
        raise SystemExit(f'node "{node}": "{path}" is not UTF-8 text: {e.reason} at byte offset {e.start}')
    chars = list(vocab) if vocab else sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    try:
        return torch.tensor([index[c] for c in text], dtype=torch.int64)
    except KeyError as e:
        raise SystemExit(f'node "{node}": character {e.args[0]!r} of "{path}" is not in the node\\'s vocabulary ({len(chars)} characters)')


class CorpusSource:
    """Windows of token ids as Netwright draws them: training starts at seeded random offsets before
    the held-out tail (one draw per row, the global batch of each step in order), eval windows tiling the tail."""

    def __init__(self, node, ids, context, eval_fraction, eval_windows, seed):
        n = len(ids)
        tail = n - int(math.floor(n * eval_fraction))
        self.train_starts = tail - context
        if self.train_starts < 1:
            raise SystemExit(f'node "{node}": the text before the held-out tail has {tail} tokens, fewer than one window needs (context {context} + 1)')
        count = min(eval_windows, (n - tail - 1) // context)
        if count < 1:
            raise SystemExit(f'node "{node}": the held-out tail has {n - tail} tokens, fewer than one window needs (context {context} + 1)')
        self.ids, self.context = ids, context
        self.eval = [tail + i * context for i in range(count)]
        self.rng = Rng(seed)
        self.drawn = []

    def train_rows(self, step, batch_size):
        while len(self.drawn) < step * batch_size:
            self.drawn.append(self.rng.int(self.train_starts))
        return self.drawn[(step - 1) * batch_size : step * batch_size]

    def gather(self, rows):
        at = torch.tensor(rows, dtype=torch.int64)[:, None] + torch.arange(self.context)[None, :]
        return {"x": self.ids[at].to(torch.int32), "y": self.ids[at + 1].to(torch.int32)}

    def eval_all(self):
        return self.gather(self.eval)


def text_corpus(node, dataset, size, sha256, level, vocab, context, eval_fraction, eval_windows, seed):
    path = dataset_file(node, "dataset", dataset, size, sha256)
    return CorpusSource(node, corpus_ids(node, path, level, vocab), context, eval_fraction, eval_windows, seed)
`,
  construct: ({ node, params, py }) =>
    `text_corpus(node=${py(node)}, dataset=${py(params.dataset)}, size=${py(params.size)}, sha256=${py(params.sha256)}, level=${py(params.level)}, vocab=${py(params.vocab)}, context=${py(params.context)}, eval_fraction=${py(params.evalFraction)}, eval_windows=${py(params.evalWindows)}, seed=${py(params.seed)})`,
};
