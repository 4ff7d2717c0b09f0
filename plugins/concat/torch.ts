import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `concat`: a, b and the optional c, d joined along `axis`. */
export const concatTorch: TorchEmitter = {
  source: `class Concat(nn.Module):
    """Netwright "concat": joins a, b and the optional c, d (in that order) along one axis."""

    def __init__(self, axis):
        super().__init__()
        self.axis = axis

    def forward(self, a, b, c=None, d=None):
        return torch.cat([t for t in (a, b, c, d) if t is not None], dim=self.axis)
`,
  construct: ({ params, py }) => `Concat(axis=${py(params.axis)})`,
};
