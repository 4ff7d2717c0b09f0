import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { ACTIVATE_PY } from '../_shared/torchActivations.ts';

/** PyTorch emitter of `activation`: the shared `activate` by name. */
export const activationTorch: TorchEmitter = {
  source: `${ACTIVATE_PY}

class Activation(nn.Module):
    """Netwright "activation": an elementwise function by name."""

    def __init__(self, fn, alpha=0.01):
        super().__init__()
        self.fn = fn
        self.alpha = alpha

    def forward(self, x):
        return activate(x, self.fn, self.alpha)
`,
  construct: ({ params, py }) => `Activation(fn=${py(params.fn)}, alpha=${py(params.alpha)})`,
};
