import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `token-shift`: x + (x shifted one step later) @ kernel + bias. */
export const tokenShiftTorch: TorchEmitter = {
  source: `class TokenShift(nn.Module):
    """Netwright "token-shift": y_t = x_t + x_{t-1} @ kernel + bias (x_{-1} = 0); x [batch, time, dim]."""

    def __init__(self, dim):
        super().__init__()
        self.kernel = nn.Parameter(torch.zeros(dim, dim))
        self.bias = nn.Parameter(torch.zeros(dim))

    def forward(self, x):
        prev = F.pad(x, (0, 0, 1, 0))[:, : x.shape[1], :]
        return x + (prev @ self.kernel + self.bias)
`,
  construct: ({ weights, py }) => `TokenShift(dim=${py(weights.kernel?.shape[0])})`,
};
