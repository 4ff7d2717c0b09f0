import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `softmax`: over the last axis. */
export const softmaxTorch: TorchEmitter = {
  source: `class Softmax(nn.Module):
    """Netwright "softmax": over the last axis."""

    def forward(self, x):
        return torch.softmax(x, dim=-1)
`,
  construct: () => 'Softmax()',
};
