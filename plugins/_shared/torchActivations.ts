/** The Python of Netwright's activations, shared by the PyTorch emitters of dense and activation. */

/** Defines `activate(x, name, alpha)` with the same functions as `activations.ts` (GELU: exact erf form). */
export const ACTIVATE_PY = `def activate(x, name, alpha=0.01):
    """Netwright's activations by name; "none" is the identity."""
    if name == "none":
        return x
    if name == "relu":
        return F.relu(x)
    if name == "gelu":
        return F.gelu(x)
    if name == "silu":
        return x * torch.sigmoid(x)
    if name == "tanh":
        return torch.tanh(x)
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "softplus":
        return F.softplus(x)
    if name == "leakyRelu":
        return F.leaky_relu(x, alpha)
    raise ValueError(f"unknown activation {name!r}")
`;

/** Defines `masked_mean(values, mask)` as the class losses and metrics compute it. */
export const MASKED_MEAN_PY = `def masked_mean(values, mask=None):
    """Mean of values weighted by mask (all ones when absent); 0 when the mask is all zeros."""
    if mask is None:
        return values.mean()
    m = mask.to(values.dtype)
    return (values * m).sum() / torch.clamp(m.sum(), min=1e-12)
`;
