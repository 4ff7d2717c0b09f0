import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `select-last`: the last step of axis 1. */
export const selectLastTorch: TorchEmitter = {
  source: `class SelectLast(nn.Module):
    """Netwright "select-last": y = x[:, -1] (the last step of the sequence axis)."""

    def forward(self, x):
        return x[:, -1]
`,
  construct: () => 'SelectLast()',
};
