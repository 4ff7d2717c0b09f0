import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/**
 * PyTorch emitter of `lssl` (docs/specs/lssl.md §5-6): GBT discretisation of every copy with a
 * differentiable solve in float64 (as the host path discretises), then the convolution with the
 * Krylov kernel (direct causal Toeplitz) or the recurrence, by the node's `mode`; feedthrough,
 * GELU and the output projection. A is masked to its HiPPO sparsity, as in layer.ts; A, B and
 * log_dt train only when learnA / learnDt say so. Weights keep Netwright's layouts (HiPPO
 * init included: the values come from Netwright's weights).
 */
export const lsslTorch: TorchEmitter = {
  source: `class LSSL(nn.Module):
    """Netwright "lssl": u [B, L, H] -> y [B, L, d_out] through H*S HiPPO state-space copies."""

    def __init__(self, h, s, m, n, d_out, measure, alpha, learn_a, learn_dt, activation, mode):
        super().__init__()
        self.A = nn.Parameter(torch.zeros(n, n), requires_grad=learn_a)
        self.B = nn.Parameter(torch.zeros(n), requires_grad=learn_a)
        self.log_dt = nn.Parameter(torch.zeros(h, s), requires_grad=learn_dt)
        self.C = nn.Parameter(torch.zeros(h, s, m, n))
        self.D = nn.Parameter(torch.zeros(h, s, m))
        self.W_out = nn.Parameter(torch.zeros(h * s * m, d_out))
        self.b_out = nn.Parameter(torch.zeros(d_out))
        mask = torch.ones(n, n) if measure == "legt" else torch.tril(torch.ones(n, n))
        self.register_buffer("hippo_mask", mask, persistent=False)
        self.alpha, self.activation, self.mode = alpha, activation, mode

    def discretised(self):
        """Abar [H*S, N, N], Bbar [H*S, N]: M = I - a*dt*A, Abar = M^-1 (I + (1-a)*dt*A), Bbar = M^-1 dt*B."""
        n = self.A.shape[0]
        a = (self.A * self.hippo_mask).double()
        dt = torch.exp(self.log_dt.double()).reshape(-1, 1, 1)
        eye = torch.eye(n, dtype=torch.float64)
        m = eye - self.alpha * dt * a
        rhs = torch.cat([eye + (1 - self.alpha) * dt * a, dt * self.B.double().reshape(1, n, 1)], dim=2)
        x = torch.linalg.solve(m, rhs).float()
        return x[:, :, :n], x[:, :, n]

    def forward(self, x):
        b, l, h = x.shape
        s, m, n = self.C.shape[1], self.C.shape[2], self.C.shape[3]
        abar, bbar = self.discretised()
        c = self.C.reshape(h * s, m, n)
        if self.mode == "recurrent":
            state = x.new_zeros(h * s, b, n)
            u = x.repeat_interleave(s, dim=2)  # [B, L, H*S]
            ys = []
            for t in range(l):
                state = state @ abar.transpose(1, 2) + bbar.unsqueeze(1) * u[:, t].transpose(0, 1).unsqueeze(-1)
                ys.append(torch.einsum("kmn,kbn->bkm", c, state).reshape(b, h, s * m))
            y = torch.stack(ys, dim=1)  # [B, L, H, S*M]
        else:
            v, powers = [bbar], bbar
            for _ in range(l - 1):
                powers = (abar @ powers.unsqueeze(-1)).squeeze(-1)
                v.append(powers)
            kernel = torch.einsum("kmn,lkn->kml", c, torch.stack(v)).reshape(h, s * m, l)
            idx = torch.arange(l)
            lag = idx.unsqueeze(1) - idx.unsqueeze(0)  # [t, j]
            toeplitz = kernel[:, :, lag.clamp(min=0)] * (lag >= 0).to(kernel.dtype)  # [H, S*M, t, j]
            y = torch.einsum("hctj,bjh->bthc", toeplitz, x)
        y = y + self.D.reshape(h, s * m) * x.unsqueeze(3)
        if self.activation == "gelu":
            y = F.gelu(y)
        return y.reshape(b, l, h * s * m) @ self.W_out + self.b_out
`,
  construct: ({ params, weights, py }) => {
    const [h, s, m, n] = weights.C?.shape ?? [];
    return `LSSL(h=${py(h)}, s=${py(s)}, m=${py(m)}, n=${py(n)}, d_out=${py(weights.W_out?.shape[1])}, measure=${py(params.measure)}, alpha=${py(params.gbtAlpha)}, learn_a=${py(params.learnA)}, learn_dt=${py(params.learnDt)}, activation=${py(params.activation)}, mode=${py(params.mode)})`;
  },
};
