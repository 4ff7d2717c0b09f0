import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/**
 * PyTorch emitter of `powernorm` (docs/specs/powernorm.md §4-6): group scaling (exact
 * autodiff), the batch or running quadratic mean by warm-up, the running statistics as buffers
 * (Netwright's state runningPhi, emaGz, iters, saved with the model), and the approximate
 * backward of the z map as a torch.autograd.Function that also updates emaGz once per backward.
 */
export const powerNormTorch: TorchEmitter = {
  source: `class PowerNormCore(torch.autograd.Function):
    """z = x * scale forward; the approximate backward of spec section 5, updating emaGz."""

    @staticmethod
    def forward(ctx, xt, scale_fwd, scale_bkw, ema_gz, alpha_bkw, module):
        z = xt * scale_fwd
        ctx.save_for_backward(z, scale_bkw, ema_gz)
        ctx.alpha_bkw, ctx.module = alpha_bkw, module
        return z

    @staticmethod
    def backward(ctx, gz):
        z, scale_bkw, ema = ctx.saved_tensors
        c = z.shape[-1]
        approx = gz - (1 - ctx.alpha_bkw) * ema * z
        with torch.no_grad():
            ctx.module.emaGz.copy_(ema + (approx * z).reshape(-1, c).sum(0) / (z.numel() // c))
        return approx * scale_bkw, None, None, None, None, None


class PowerNorm(nn.Module):
    """Netwright "powernorm": x [..., C] normalised by the quadratic mean, channels last."""

    def __init__(self, channels, eps, alpha_fwd, alpha_bkw, warmup_iters, affine, groups, group_eps, backward_scale):
        super().__init__()
        if affine:
            self.weight = nn.Parameter(torch.ones(channels))
            self.bias = nn.Parameter(torch.zeros(channels))
        self.register_buffer("runningPhi", torch.ones(channels))
        self.register_buffer("emaGz", torch.zeros(channels))
        self.register_buffer("iters", torch.zeros((), dtype=torch.int32))
        self.eps, self.alpha_fwd, self.alpha_bkw, self.warmup_iters = eps, alpha_fwd, alpha_bkw, warmup_iters
        self.affine, self.groups, self.group_eps, self.backward_scale = affine, groups, group_eps, backward_scale

    def forward(self, x):
        c = x.shape[-1]
        xt = x
        if self.groups > 0:
            g = x.reshape(*x.shape[:-1], self.groups, c // self.groups)
            s = g.square().mean(-1, keepdim=True) + self.group_eps
            xt = (g / torch.sqrt(s)).reshape(x.shape)
        if self.training:
            var = xt.detach().reshape(-1, c).square().mean(0)
            self.iters += 1
            t = int(self.iters)
            prev = self.runningPhi.clone()
            batch_scale = torch.rsqrt(var + self.eps)
            running_scale = torch.rsqrt(prev + self.eps)
            warm = t <= self.warmup_iters
            scale_fwd = batch_scale if warm else running_scale
            scale_bkw = batch_scale if self.backward_scale == "batch" or warm else running_scale
            with torch.no_grad():
                if t < self.warmup_iters:
                    self.runningPhi.mul_((t - 1) / t).add_(var / t)
                self.runningPhi.mul_(self.alpha_fwd).add_((1 - self.alpha_fwd) * var)
            z = PowerNormCore.apply(xt, scale_fwd, scale_bkw, self.emaGz.clone(), self.alpha_bkw, self)
        else:
            z = xt * torch.rsqrt(self.runningPhi + self.eps)
        return self.weight * z + self.bias if self.affine else z
`,
  construct: ({ params, state, py }) =>
    `PowerNorm(channels=${py(state.runningPhi?.shape[0])}, eps=${py(params.eps)}, alpha_fwd=${py(params.alphaFwd)}, alpha_bkw=${py(params.alphaBkw)}, warmup_iters=${py(params.warmupIters)}, affine=${py(params.affine)}, groups=${py(params.groupScalingGroups)}, group_eps=${py(params.groupScalingEps)}, backward_scale=${py(params.backwardScale)})`,
};
