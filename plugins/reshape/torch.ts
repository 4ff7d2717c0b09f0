import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `reshape`: [B, ...] -> [B, *shape] (row-major). */
export const reshapeTorch: TorchEmitter = {
  source: `class Reshape(nn.Module):
    """Netwright "reshape": keeps the batch axis, reshapes the rest (row-major)."""

    def __init__(self, shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)
`,
  construct: ({ params, py }) => `Reshape(shape=${py(params.shape)})`,
};
