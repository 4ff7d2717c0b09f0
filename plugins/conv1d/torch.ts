import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { CONV_KERNEL_AND_BIAS_PY } from '../_shared/torchConv.ts';

/** PyTorch emitter of `conv1d` ([?, L, C] sequences; TF "same"/"valid" or causal padding, dilation). */
export const conv1dTorch: TorchEmitter = {
  source: `class Conv1d(nn.Module):
    """Netwright "conv1d": x [B, L, C] -> y [B, L', filters]; kernel [kernelSize, C, filters]."""

    def __init__(self, kernel_shape, strides, padding, dilation, use_bias):
        super().__init__()
${CONV_KERNEL_AND_BIAS_PY}
        self.strides, self.padding, self.dilation, self.use_bias = strides, padding, dilation, use_bias

    def forward(self, x):
        l = x.shape[1]
        span = (self.kernel.shape[0] - 1) * self.dilation + 1
        if self.padding == "valid":
            pads = (0, 0)
        elif self.padding == "causal":
            pads = (span - 1, 0)
        else:
            total = max(0, (-(-l // self.strides) - 1) * self.strides + span - l)
            pads = (total // 2, total - total // 2)
        xt = F.pad(x.transpose(1, 2), pads)
        y = F.conv1d(xt, self.kernel.permute(2, 1, 0), stride=self.strides, dilation=self.dilation).transpose(1, 2)
        return y + self.bias if self.use_bias else y
`,
  construct: ({ params, weights, py }) =>
    `Conv1d(kernel_shape=${py(weights.kernel?.shape)}, strides=${py(params.strides)}, padding=${py(params.padding)}, dilation=${py(params.dilation)}, use_bias=${py(params.useBias)})`,
};
