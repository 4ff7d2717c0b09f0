/** The Python of a TF-style 2-D convolution on NHWC tensors, for the PyTorch emitters of conv plugins. */

/**
 * `__init__` lines (indented for a method body) that create a conv module's `kernel` from
 * `kernel_shape` and, when `use_bias`, a zero `bias` over the kernel's last (output) axis.
 */
export const CONV_KERNEL_AND_BIAS_PY = `        self.kernel = nn.Parameter(torch.zeros(*kernel_shape))
        if use_bias:
            self.bias = nn.Parameter(torch.zeros(kernel_shape[-1]))`;

/** Defines `conv2d_nhwc(x, kernel, strides, padding)`: kernel `[kh, kw, inC, outC]`, TF "same"/"valid" padding. */
export const CONV2D_NHWC_PY = `def conv2d_nhwc(x, kernel, strides, padding):
    """Cross-correlation as tf.conv2d: x [B, H, W, C], kernel [kh, kw, C, F]; "same" pads as TF (extra row/column after)."""
    kh, kw = kernel.shape[0], kernel.shape[1]
    sh, sw = strides
    x = x.permute(0, 3, 1, 2)
    if padding == "same":
        h, w = x.shape[2], x.shape[3]
        ph = max((-(-h // sh) - 1) * sh + kh - h, 0)
        pw = max((-(-w // sw) - 1) * sw + kw - w, 0)
        x = F.pad(x, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))
    y = F.conv2d(x, kernel.permute(3, 2, 0, 1), stride=(sh, sw))
    return y.permute(0, 2, 3, 1)
`;
