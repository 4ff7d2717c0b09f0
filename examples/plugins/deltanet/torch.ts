import type { TorchEmitter } from '../../../runtime/sdk/index.ts';

/**
 * The PyTorch emitter of the DeltaNet example (`netwright export torch`): the recurrent form of
 * lower.ts, S ← S + β (v − S k) kᵀ, o = S q, with L2-normalised keys and queries. Weights keep
 * the Netwright `[in, out]` layout.
 */
export const deltanetTorch: TorchEmitter = {
  source: `class DeltaNet(nn.Module):
    """examples.deltanet: a delta-rule linear RNN per head; x [B, T, d] -> y [B, T, units]."""

    def __init__(self, d, heads, head_dim, units, negative_eigenvalues):
        super().__init__()
        width = heads * head_dim
        for name, shape in {"wq": (d, width), "wk": (d, width), "wv": (d, width), "wBeta": (d, heads), "bBeta": (heads,), "wo": (width, units)}.items():
            setattr(self, name, nn.Parameter(torch.zeros(*shape)))
        self.heads, self.head_dim, self.negative_eigenvalues = heads, head_dim, negative_eigenvalues

    def forward(self, x):
        b, t, _ = x.shape
        h, n = self.heads, self.head_dim

        def heads_of(w):
            return (x @ w).reshape(b, t, h, n)

        def l2(v):
            return v / torch.sqrt(v.square().sum(-1, keepdim=True) + 1e-6)

        q, k, v = l2(heads_of(self.wq)), l2(heads_of(self.wk)), heads_of(self.wv)
        beta = torch.sigmoid(x @ self.wBeta + self.bBeta) * (2 if self.negative_eigenvalues else 1)  # [B, T, H]
        state = x.new_zeros(b, h, n, n)  # [value, key] per head
        outs = []
        for i in range(t):
            kt = k[:, i]
            recalled = (state @ kt.unsqueeze(-1)).squeeze(-1)
            delta = beta[:, i].unsqueeze(-1) * (v[:, i] - recalled)
            state = state + delta.unsqueeze(-1) * kt.unsqueeze(-2)
            outs.append((state @ q[:, i].unsqueeze(-1)).squeeze(-1).reshape(b, h * n))
        return torch.stack(outs, dim=1) @ self.wo
`,
  construct: ({ params, weights, py }) =>
    `DeltaNet(d=${py(weights.wq?.shape[0])}, heads=${py(params.heads)}, head_dim=${py(params.headDim)}, units=${py(params.units)}, negative_eigenvalues=${py(params.negativeEigenvalues)})`,
};
