import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/**
 * PyTorch emitter of `dropout`: inverted dropout in training, identity in eval. The masks come
 * from torch's generator (seeded by the run's seed), not Netwright's, so a run with dropout
 * follows its own random path.
 */
export const dropoutTorch: TorchEmitter = {
  source: `class Dropout(nn.Module):
    """Netwright "dropout": keep with probability 1 - rate and scale by 1/(1 - rate) in training."""

    def __init__(self, rate):
        super().__init__()
        self.rate = rate

    def forward(self, x):
        return F.dropout(x, self.rate, self.training) if self.rate > 0 else x
`,
  construct: ({ params, py }) => `Dropout(rate=${py(params.rate)})`,
};
