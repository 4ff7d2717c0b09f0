import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `embedding`: rows of `table` by id, ids clipped to the vocabulary. */
export const embeddingTorch: TorchEmitter = {
  source: `class Embedding(nn.Module):
    """Netwright "embedding": y[..., :] = table[clip(x, 0, vocab_size - 1)]."""

    def __init__(self, vocab_size, dim):
        super().__init__()
        self.table = nn.Parameter(torch.zeros(vocab_size, dim))

    def forward(self, x):
        return F.embedding(x.long().clamp(0, self.table.shape[0] - 1), self.table)
`,
  construct: ({ params, py }) => `Embedding(vocab_size=${py(params.vocabSize)}, dim=${py(params.dim)})`,
};
