import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `global-pool`: mean or max over every axis between batch and channels. */
export const globalPoolTorch: TorchEmitter = {
  source: `class GlobalPool(nn.Module):
    """Netwright "global-pool": [B, ..., C] -> [B, C] by mean or max."""

    def __init__(self, mode):
        super().__init__()
        self.mode = mode

    def forward(self, x):
        dims = list(range(1, x.dim() - 1))
        return x.mean(dim=dims) if self.mode == "mean" else x.amax(dim=dims)
`,
  construct: ({ params, py }) => `GlobalPool(mode=${py(params.mode)})`,
};
