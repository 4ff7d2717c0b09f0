import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `flatten`: every axis after the batch axis into one. */
export const flattenTorch: TorchEmitter = {
  source: `class Flatten(nn.Module):
    """Netwright "flatten": [B, ...] -> [B, prod(...)] (row-major)."""

    def forward(self, x):
        return x.reshape(x.shape[0], -1)
`,
  construct: () => 'Flatten()',
};
