import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { CONV2D_NHWC_PY } from '../_shared/torchConv.ts';

/**
 * PyTorch emitters of the quadratic layers (spec §4): y = (x·wr + br) ⊙ (x·wg + bg) + x²·wb + c
 * with plain autodiff. Weights keep Netwright's layouts. ReLinear's per-weight learning rates
 * and penalties are the weights' `optim` settings, which the exported training loop applies.
 */
export const quadraticDenseTorch: TorchEmitter = {
  source: `class QuadraticDense(nn.Module):
    """Netwright "quadratic-dense": y = (x @ wr + br) * (x @ wg + bg) + (x * x) @ wb + c."""

    def __init__(self, in_features, units):
        super().__init__()
        for name in ("wr", "wg", "wb"):
            setattr(self, name, nn.Parameter(torch.zeros(in_features, units)))
        for name in ("br", "bg", "c"):
            setattr(self, name, nn.Parameter(torch.zeros(units)))

    def forward(self, x):
        r = x @ self.wr + self.br
        g = x @ self.wg + self.bg
        return r * g + (x.square() @ self.wb + self.c)
`,
  construct: ({ weights, py }) =>
    `QuadraticDense(in_features=${py(weights.wr?.shape[0])}, units=${py(weights.wr?.shape[1])})`,
};

/** `quadratic-conv2d`: the same products with NHWC convolutions as tf.conv2d. */
export const quadraticConv2dTorch: TorchEmitter = {
  source: `${CONV2D_NHWC_PY}

class QuadraticConv2d(nn.Module):
    """Netwright "quadratic-conv2d" (NHWC): y = (x*wr + br) * (x*wg + bg) + (x^2)*wb + c, * a TF-style convolution."""

    def __init__(self, kernel_shape, strides, padding):
        super().__init__()
        for name in ("wr", "wg", "wb"):
            setattr(self, name, nn.Parameter(torch.zeros(*kernel_shape)))
        for name in ("br", "bg", "c"):
            setattr(self, name, nn.Parameter(torch.zeros(kernel_shape[-1])))
        self.strides = strides
        self.padding = padding

    def forward(self, x):
        r = conv2d_nhwc(x, self.wr, self.strides, self.padding) + self.br
        g = conv2d_nhwc(x, self.wg, self.strides, self.padding) + self.bg
        return r * g + (conv2d_nhwc(x.square(), self.wb, self.strides, self.padding) + self.c)
`,
  construct: ({ weights, params, py }) =>
    `QuadraticConv2d(kernel_shape=${py(weights.wr?.shape)}, strides=${py(params.strides)}, padding=${py(params.padding)})`,
};
