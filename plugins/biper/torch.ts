import type { TorchEmitter, TorchEmitContext } from '../../runtime/sdk/index.ts';
import { CONV2D_NHWC_PY } from '../_shared/torchConv.ts';

/**
 * A `torch.autograd.Function` named `name`: sign(`v`) forward, and the surrogate gradient `grad`
 * (a Python expression in `dy` and `v`) backward.
 */
function signFunctionPy(name: string, doc: string, v: string, grad: string): string {
  return `class ${name}(torch.autograd.Function):
    """${doc}"""

    @staticmethod
    def forward(ctx, ${v}):
        ctx.save_for_backward(${v})
        return torch.sign(${v})

    @staticmethod
    def backward(ctx, dy):
        (${v},) = ctx.saved_tensors
        return ${grad}
`;
}

/** The shared Python of both BiPer layers: the surrogates as torch.autograd.Functions and the binarisation. */
const BIPER_PY = `class BiPerSquareWave(torch.autograd.Function):
    """sign(sin(f*w)) forward; the sine's derivative f*cos(f*w) backward (spec section 5)."""

    @staticmethod
    def forward(ctx, w, freq):
        ctx.save_for_backward(w)
        ctx.freq = freq
        return torch.sign(torch.sin(freq * w.double())).to(w.dtype)

    @staticmethod
    def backward(ctx, dy):
        (w,) = ctx.saved_tensors
        return dy * (ctx.freq * torch.cos(ctx.freq * w.double())).to(dy.dtype), None


${signFunctionPy('BiPerApproxSign', 'sign(x) forward; ApproxSign relu(2 - 2|x|) backward.', 'x', 'dy * torch.relu(2 - 2 * x.abs())')}

${signFunctionPy('BiPerSignSte', "sign(w) forward; clipped straight-through dy * 1{|w| <= 1} backward (the 'ste' baseline).", 'w', 'dy * (w.abs() <= 1).to(dy.dtype)')}

class BiPerBase(nn.Module):
    """Binarised weights and inputs of the BiPer layers; netwright_step is set by the training loop."""

    def __init__(self, kernel_shape, freq, weight_mode, binarize_input, input_norm_in_training, norm_eps, sin_reg_tau, stage1_steps):
        super().__init__()
        self.kernel = nn.Parameter(torch.zeros(*kernel_shape))
        self.alpha = nn.Parameter(torch.zeros(kernel_shape[-1]))
        self.freq, self.weight_mode, self.binarize_input = freq, weight_mode, binarize_input
        self.input_norm_in_training, self.norm_eps, self.stage1_steps = input_norm_in_training, norm_eps, stage1_steps
        self.netwright_step = 0
        if sin_reg_tau > 0:
            # the gradient of tau*mean(sin^2(f*w)), added to the kernel's (spec section 6)
            self.kernel.register_hook(lambda g: g + sin_reg_tau * freq * torch.sin(2 * freq * self.kernel.detach().double()).to(g.dtype) / self.kernel.numel())

    def binarised(self, a):
        ste = self.weight_mode == "ste" and self.stage1_steps == 0
        if self.stage1_steps > 0:
            square = not (self.training and self.netwright_step <= self.stage1_steps)
        else:
            square = self.weight_mode == "square"
        if ste:
            bw = BiPerSignSte.apply(self.kernel)
        elif square:
            bw = BiPerSquareWave.apply(self.kernel, self.freq)
        else:
            bw = torch.sin(self.freq * self.kernel)
        ba = a
        if self.binarize_input:
            if self.training and self.input_norm_in_training:
                dims = list(range(1, a.dim()))
                a = a / torch.sqrt(a.var(dim=dims, unbiased=True, keepdim=True) + self.norm_eps)
            ba = BiPerApproxSign.apply(a)
        return ba, bw
`;

function common(ctx: TorchEmitContext): string {
  const { params, weights, py } = ctx;
  return `kernel_shape=${py(weights.kernel?.shape)}, freq=${py(params.freq)}, weight_mode=${py(params.weightMode)}, binarize_input=${py(params.binarizeInput)}, input_norm_in_training=${py(params.inputNormInTraining)}, norm_eps=${py(params.normEps)}, sin_reg_tau=${py(params.sinRegTau)}, stage1_steps=${py(params.stage1Steps)}`;
}

/** PyTorch emitter of `biper-dense` (docs/specs/biper.md §4-6). */
export const biperDenseTorch: TorchEmitter = {
  source: `${BIPER_PY}

class BiPerDense(BiPerBase):
    """Netwright "biper-dense": y = (sign(a) @ sign(sin(f*kernel))) * alpha, with BiPer's surrogate gradients."""

    def forward(self, x):
        ba, bw = self.binarised(x)
        return (ba @ bw) * self.alpha
`,
  construct: (ctx) => `BiPerDense(${common(ctx)})`,
};

/** PyTorch emitter of `biper-conv2d` (NHWC, TF padding of the binarised input). */
export const biperConv2dTorch: TorchEmitter = {
  source: `${BIPER_PY}

${CONV2D_NHWC_PY}

class BiPerConv2d(BiPerBase):
    """Netwright "biper-conv2d" (NHWC): y = conv(sign(a), sign(sin(f*kernel))) * alpha."""

    def __init__(self, strides, padding, **kw):
        super().__init__(**kw)
        self.strides, self.padding = strides, padding

    def forward(self, x):
        ba, bw = self.binarised(x)
        return conv2d_nhwc(ba, bw, self.strides, self.padding) * self.alpha
`,
  construct: (ctx) =>
    `BiPerConv2d(strides=${ctx.py(ctx.params.strides)}, padding=${ctx.py(ctx.params.padding)}, ${common(ctx)})`,
};
