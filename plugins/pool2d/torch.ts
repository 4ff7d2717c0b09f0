import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `pool2d` (NHWC; TF padding: "same" max pools ignore the padding, avg pools divide by the real count). */
export const pool2dTorch: TorchEmitter = {
  source: `class Pool2d(nn.Module):
    """Netwright "pool2d": max or average pooling of [B, H, W, C] as tf.maxPool / tf.avgPool."""

    def __init__(self, mode, pool_size, strides, padding):
        super().__init__()
        self.mode, self.pool_size, self.strides, self.padding = mode, pool_size, strides, padding

    def forward(self, x):
        x = x.permute(0, 3, 1, 2)
        (kh, kw), (sh, sw) = self.pool_size, self.strides
        if self.padding == "same":
            h, w = x.shape[2], x.shape[3]
            ph = max((-(-h // sh) - 1) * sh + kh - h, 0)
            pw = max((-(-w // sw) - 1) * sw + kw - w, 0)
            pads = (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2)
            if self.mode == "max":
                x = F.pad(x, pads, value=-math.inf)
            else:
                ones = F.pad(torch.ones_like(x[:, :1]), pads)
                total = F.avg_pool2d(F.pad(x, pads), (kh, kw), (sh, sw))
                count = F.avg_pool2d(ones, (kh, kw), (sh, sw))
                return (total / count).permute(0, 2, 3, 1)
        y = F.max_pool2d(x, (kh, kw), (sh, sw)) if self.mode == "max" else F.avg_pool2d(x, (kh, kw), (sh, sw))
        return y.permute(0, 2, 3, 1)
`,
  construct: ({ params, py }) =>
    `Pool2d(mode=${py(params.mode)}, pool_size=${py(params.poolSize)}, strides=${py(params.strides)}, padding=${py(params.padding)})`,
};
