import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `mse`: mean of squared differences. */
export const mseTorch: TorchEmitter = {
  source: `class MSE(nn.Module):
    """Netwright "mse": mean((pred - target)^2)."""

    def forward(self, pred, target):
        return (pred - target).square().mean()
`,
  construct: () => 'MSE()',
};
