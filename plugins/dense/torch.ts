import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { ACTIVATE_PY } from '../_shared/torchActivations.ts';

/** PyTorch emitter of `dense`: an `nn.Linear` (kernel `[in, out]` is its weight transposed) and the activation. */
export const denseTorch: TorchEmitter = {
  source: `${ACTIVATE_PY}

class Dense(nn.Module):
    """Netwright "dense": y = activation(x @ kernel + bias) over the last axis."""

    def __init__(self, in_features, units, use_bias, activation):
        super().__init__()
        self.linear = nn.Linear(in_features, units, bias=use_bias)
        self.activation = activation

    def forward(self, x):
        return activate(self.linear(x), self.activation)
`,
  construct: ({ inputs, params, py }) => {
    const x = inputs.x;
    const inDim = x?.kind === 'tensor' ? x.shape[x.shape.length - 1] : undefined;
    if (typeof inDim !== 'number') throw new Error('input "x" needs a known last axis');
    return `Dense(in_features=${inDim}, units=${py(params.units)}, use_bias=${py(params.useBias)}, activation=${py(params.activation)})`;
  },
  weights: () => ({ kernel: { name: 'linear.weight', permute: [1, 0] }, bias: { name: 'linear.bias' } }),
};
