import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/**
 * PyTorch emitter of `batch-norm`: over every axis but the last; running statistics as buffers
 * (Netwright's state `movingMean`, `movingVar`), updated in training with the unbiased variance.
 * Under DDP each process normalises by its own share of the batch, as PyTorch's BatchNorm does.
 */
export const batchNormTorch: TorchEmitter = {
  source: `class BatchNorm(nn.Module):
    """Netwright "batch-norm": per channel (last axis); batch statistics in training, running ones in eval."""

    def __init__(self, channels, momentum, eps):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(channels))
        self.beta = nn.Parameter(torch.zeros(channels))
        self.register_buffer("movingMean", torch.zeros(channels))
        self.register_buffer("movingVar", torch.ones(channels))
        self.momentum, self.eps = momentum, eps

    def forward(self, x):
        if not self.training:
            return (x - self.movingMean) * torch.rsqrt(self.movingVar + self.eps) * self.gamma + self.beta
        dims = list(range(x.dim() - 1))
        mean = x.mean(dim=dims)
        variance = (x - mean).square().mean(dim=dims)
        n = x.numel() // x.shape[-1]
        with torch.no_grad():
            m = self.momentum
            self.movingMean.mul_(m).add_(mean.detach() * (1 - m))
            self.movingVar.mul_(m).add_(variance.detach() * (n / (n - 1) if n > 1 else 1) * (1 - m))
        return (x - mean) * torch.rsqrt(variance + self.eps) * self.gamma + self.beta
`,
  construct: ({ params, weights, py }) =>
    `BatchNorm(channels=${py(weights.gamma?.shape[0])}, momentum=${py(params.momentum)}, eps=${py(params.eps)})`,
};
