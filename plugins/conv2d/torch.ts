import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { ACTIVATE_PY } from '../_shared/torchActivations.ts';
import { CONV2D_NHWC_PY, CONV_KERNEL_AND_BIAS_PY } from '../_shared/torchConv.ts';

/** PyTorch emitter of `conv2d` (NHWC, TF padding; kernel kept as `[kh, kw, inC, filters]`). */
export const conv2dTorch: TorchEmitter = {
  source: `${ACTIVATE_PY}

${CONV2D_NHWC_PY}

class Conv2d(nn.Module):
    """Netwright "conv2d": y = activation(conv2d_nhwc(x, kernel) + bias)."""

    def __init__(self, kernel_shape, strides, padding, use_bias, activation):
        super().__init__()
${CONV_KERNEL_AND_BIAS_PY}
        self.strides, self.padding, self.use_bias, self.activation = strides, padding, use_bias, activation

    def forward(self, x):
        y = conv2d_nhwc(x, self.kernel, self.strides, self.padding)
        return activate(y + self.bias if self.use_bias else y, self.activation)
`,
  construct: ({ params, weights, py }) =>
    `Conv2d(kernel_shape=${py(weights.kernel?.shape)}, strides=${py(params.strides)}, padding=${py(params.padding)}, use_bias=${py(params.useBias)}, activation=${py(params.activation)})`,
};
