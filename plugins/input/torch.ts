import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `input`: passes its data through. */
export const inputTorch: TorchEmitter = {
  source: `class Input(nn.Module):
    """Netwright "input": the data wired to it, unchanged."""

    def forward(self, x):
        return x
`,
  construct: () => 'Input()',
};
