import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/**
 * PyTorch emitter of `gla` (docs/specs/gla.md §4-5): the projections, the log-sigmoid gate
 * with temperature, the core in the form the node's `mode` picks (chunkwise with the masked
 * exponent inside each chunk, the plain recurrence, or fully parallel within one chunk of the
 * whole length), the per-head LayerNorm and the swish output gate. Weights keep Netwright's
 * `[in, out]` layout (used as x @ W).
 */
export const glaTorch: TorchEmitter = {
  source: `class GLA(nn.Module):
    """Netwright "gla": Gated Linear Attention, x [B, L, d] -> y [B, L, d]."""

    def __init__(self, d, dk, dv, heads, rank, temperature, norm_eps, chunk_size, mode):
        super().__init__()
        shapes = {"W_q": (d, dk), "W_k": (d, dk), "W_v": (d, dv), "W_a1": (d, rank), "W_a2": (rank, dk),
                  "b_a": (dk,), "W_r": (d, dv), "b_r": (dv,), "W_o": (dv, d)}
        for name, shape in shapes.items():
            setattr(self, name, nn.Parameter(torch.zeros(*shape)))
        self.heads, self.temperature, self.norm_eps = heads, temperature, norm_eps
        self.chunk_size, self.mode = chunk_size, mode

    def _split(self, t):
        b, l, w = t.shape
        return t.reshape(b, l, self.heads, w // self.heads).permute(0, 2, 1, 3)  # [B, H, L, w/H]

    def forward(self, x):
        q = self._split(x @ self.W_q)
        k = self._split(x @ self.W_k)
        v = self._split(x @ self.W_v)
        g = self._split(F.logsigmoid((x @ self.W_a1) @ self.W_a2 + self.b_a) / self.temperature)
        q = q * q.shape[-1] ** -0.5
        if self.mode == "recurrent":
            o = gla_recurrent(q, k, v, g)
        else:
            o = gla_chunked(q, k, v, g, self.chunk_size if self.mode == "chunk" else q.shape[2])
        o = o - o.mean(-1, keepdim=True)
        o = o * torch.rsqrt(o.square().mean(-1, keepdim=True) + self.norm_eps)
        b, h, l, dvh = o.shape
        o = o.permute(0, 2, 1, 3).reshape(b, l, h * dvh)
        a = x @ self.W_r + self.b_r
        return (a * torch.sigmoid(a) * o) @ self.W_o


def gla_recurrent(q, k, v, g):
    """S_t = diag(exp(g_t)) S_{t-1} + k_t^T v_t; o_t = q_t S_t (per batch and head)."""
    b, h, l, dk = q.shape
    s = q.new_zeros(b, h, dk, v.shape[-1])
    out = []
    for t in range(l):
        s = torch.exp(g[:, :, t, :]).unsqueeze(-1) * s + k[:, :, t, :].unsqueeze(-1) * v[:, :, t, :].unsqueeze(-2)
        out.append((q[:, :, t, :].unsqueeze(-2) @ s).squeeze(-2))
    return torch.stack(out, dim=2)


def gla_chunked(q, k, v, g, chunk):
    """The chunkwise form: inter-chunk through the carried state, intra-chunk with the
    exponent masked before exp (every exponent <= 0); the sequence padded at the end."""
    b, h, l, dk = q.shape
    chunk = min(chunk, l)  # a chunk longer than the sequence only adds padding
    n = -(-l // chunk)
    pad = n * chunk - l
    if pad:
        q, k, v, g = (F.pad(t, (0, 0, 0, pad)) for t in (q, k, v, g))
    s = q.new_zeros(b, h, dk, v.shape[-1])
    idx = torch.arange(chunk)
    causal = (idx.unsqueeze(1) >= idx.unsqueeze(0)).to(q.dtype)  # [t, s]
    out = []
    for i in range(n):
        sl = slice(i * chunk, (i + 1) * chunk)
        qc, kc, vc, gc = q[:, :, sl], k[:, :, sl], v[:, :, sl], g[:, :, sl]
        cum = gc.cumsum(2)
        inter = (qc * torch.exp(cum)) @ s
        e = (cum.unsqueeze(3) - cum.unsqueeze(2)) * causal.unsqueeze(-1)  # [B,H,t,s,dk]
        p = (qc.unsqueeze(3) * kc.unsqueeze(2) * torch.exp(e)).sum(-1) * causal
        out.append(inter + p @ vc)
        last = cum[:, :, -1:, :]
        s = torch.exp(last).transpose(-1, -2) * s + (kc * torch.exp(last - cum)).transpose(-1, -2) @ vc
    return torch.cat(out, dim=2)[:, :, :l]
`,
  construct: ({ params, weights, py }) => {
    const [d, dk] = weights.W_q?.shape ?? [];
    return `GLA(d=${py(d)}, dk=${py(dk)}, dv=${py(weights.W_v?.shape[1])}, heads=${py(params.numHeads)}, rank=${py(weights.W_a1?.shape[1])}, temperature=${py(params.gateTemperature)}, norm_eps=${py(params.normEps)}, chunk_size=${py(params.chunkSize)}, mode=${py(params.mode)})`;
  },
};
