import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `add`: a + b with broadcasting. */
export const addTorch: TorchEmitter = {
  source: `class Add(nn.Module):
    """Netwright "add": y = a + b."""

    def forward(self, a, b):
        return a + b
`,
  construct: () => 'Add()',
};
