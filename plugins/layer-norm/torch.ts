import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `layer-norm`: over the last axis, biased variance, as lower.ts computes it. */
export const layerNormTorch: TorchEmitter = {
  source: `class LayerNorm(nn.Module):
    """Netwright "layer-norm": (x - mean) / sqrt(var + eps) * gamma + beta over the last axis."""

    def __init__(self, dim, eps):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(dim))
        self.beta = nn.Parameter(torch.zeros(dim))
        self.eps = eps

    def forward(self, x):
        centred = x - x.mean(-1, keepdim=True)
        variance = centred.square().mean(-1, keepdim=True)
        return centred * torch.rsqrt(variance + self.eps) * self.gamma + self.beta
`,
  construct: ({ weights, params, py }) =>
    `LayerNorm(dim=${py(weights.gamma?.shape[0])}, eps=${py(params.eps)})`,
};
