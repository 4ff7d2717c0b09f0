/**
 * The Python of the AP mask's PyTorch emitter: the pruning event of `prune.ts` on tensors
 * (exact k-smallest, ties by layer then row-major index) and the `APMask` module whose training
 * hooks do what `hooks.ts` does, at the same steps.
 */

/** `apmask_prune_event` and the fixture calls `apmask_dnr`, `apmask_prune_cycle`. */
const PRUNE_PY = `def _apmask_prune_smallest(masks, ids, scores, eligible, k):
    """Zeroes the k eligible entries of lowest score in layers ids (ties: layer, then flat index)."""
    flat_scores, layers, indices = [], [], []
    for i in ids:
        idx = torch.nonzero(eligible[i].reshape(-1), as_tuple=False).reshape(-1)
        flat_scores.append(scores[i].reshape(-1)[idx])
        layers.append(torch.full_like(idx, i))
        indices.append(idx)
    if k <= 0 or not ids:
        return 0
    chosen = torch.sort(torch.cat(flat_scores), stable=True).indices[:k]
    layer_of, index_of = torch.cat(layers)[chosen], torch.cat(indices)[chosen]
    for i in ids:
        masks[i].view(-1)[index_of[layer_of == i]] = 0.0
    return int(chosen.numel())


def apmask_prune_event(kernels, starts, masks, prune_rate, ap_rate, scope):
    """One pruning event (spec section 4): base magnitude pruning, then AP on negative weights that
    moved least since the cycle start. Returns the new masks and the counts pruned by each."""
    masks = [(m > 0.5).to(torch.float32).clone(memory_format=torch.contiguous_format) for m in masks]
    n = len(masks)
    groups = [list(range(n))] if scope == "global" else [[i] for i in range(n)]
    by_base = by_ap = 0
    for ids in groups:
        alive = int(sum(float(masks[i].sum()) for i in ids))
        k_base = math.floor(alive * (prune_rate - ap_rate) / 100 + 1e-9)
        k_ap = math.floor(alive * ap_rate / 100 + 1e-9)
        magnitude = {i: kernels[i].double().abs() for i in ids}
        by_base += _apmask_prune_smallest(masks, ids, magnitude, {i: masks[i] > 0.5 for i in ids}, k_base)
        moved = {i: (kernels[i].double() - starts[i].double()).abs() for i in ids}
        negative = {i: (masks[i] > 0.5) & (kernels[i] < 0) for i in ids}
        by_ap += _apmask_prune_smallest(masks, ids, moved, negative, k_ap)
    return masks, by_base, by_ap


def _apmask_indexed(inputs, prefix):
    out, i = [], 0
    while f"{prefix}.{i}" in inputs:
        out.append(inputs[f"{prefix}.{i}"])
        i += 1
    return out


def apmask_dnr(params, inputs):
    """Fixture call "dnr": DNR per layer and pooled over the inputs z.0, z.1, ..."""
    counts = [(float((z <= 0).sum()), z.numel()) for z in _apmask_indexed(inputs, "z")]
    dead, total = sum(c[0] for c in counts), sum(c[1] for c in counts)
    per_layer = [d / t if t > 0 else 0.0 for d, t in counts]
    return {"perLayer": torch.tensor(per_layer, dtype=torch.float64), "overall": torch.tensor(dead / total if total > 0 else 0.0, dtype=torch.float64)}


def apmask_prune_cycle(params, inputs):
    """Fixture call "pruneCycle": the masks mask.i after one event on kernel.i, kernelStart.i, mask.i."""
    kernels = _apmask_indexed(inputs, "kernel")
    starts = [inputs[f"kernelStart.{i}"] for i in range(len(kernels))]
    masks = [inputs[f"mask.{i}"] for i in range(len(kernels))]
    new, _, _ = apmask_prune_event(kernels, starts, masks, params["pruneRate"], params["apRate"], params["scope"])
    return {f"mask.{i}": m for i, m in enumerate(new)}
`;

/** The module: the batch DNR as its output, the pruning cycles in its training hooks. */
const MODULE_PY = `class APMask(nn.Module):
    """Netwright "apmask": outputs the dead-neuron rate of the z inputs; its training hooks keep the
    managed kernels masked and run the pruning cycles (docs/specs/apmask.md sections 3-4)."""

    def __init__(self, node, z_ports, managed, rewound, prune_rate, ap_rate, cycle_steps, num_cycles, scope, rewind, reset_optimizer, dnr_window_steps):
        super().__init__()
        self.node, self.z_ports, self.managed, self.rewound = node, z_ports, managed, rewound
        self.prune_rate, self.ap_rate, self.scope, self.rewind = prune_rate, ap_rate, scope, rewind
        self.cycle_steps, self.num_cycles, self.reset_optimizer = cycle_steps, num_cycles, reset_optimizer
        self.window = dnr_window_steps if dnr_window_steps > 0 else cycle_steps
        self.register_buffer("deadCounts", torch.zeros(len(z_ports)))
        self.register_buffer("totalCounts", torch.zeros(len(z_ports)))
        # the window's counts of this process (buffers would be overwritten by DDP's broadcast from rank 0)
        self.live = torch.zeros(2, len(z_ports), dtype=torch.float64)

    def forward(self, **inputs):
        dead, total = [], []
        for port in self.z_ports:
            z = inputs.get(port)
            dead.append((z <= 0).sum().to(torch.float32) if z is not None else torch.zeros(()))
            total.append(z.numel() if z is not None else 0)
        d = torch.stack([x.to(self.deadCounts.device) for x in dead])
        if self.training:
            self.live[0] += d.detach().double().cpu()
            self.live[1] += torch.tensor(total, dtype=torch.float64)
            self.deadCounts.copy_(self.live[0])
            self.totalCounts.copy_(self.live[1])
        s = sum(total)
        return d.sum() / s if s > 0 else torch.zeros((), device=d.device)

    def _reset_counts(self):
        self.live.zero_()
        self.deadCounts.zero_()
        self.totalCounts.zero_()

    def _sparsity(self, ctx):
        total = sum(m.numel() for m in self.masks.values())
        alive = sum(float(m.sum()) for m in self.masks.values())
        ctx.report(self.node, "sparsity", 1 - alive / total if total > 0 else 0)

    def netwright_before_run(self, ctx):
        self.masks = {k: (ctx.weight(k) != 0).to(torch.float32) for k in self.managed}
        self.initial = {k: ctx.weight(k).detach().clone() for k in self.rewound}
        self.start = {k: ctx.weight(k) * self.masks[k] for k in self.managed}
        self.events, self.pending = 0, None
        self._reset_counts()

    def netwright_transform_grads(self, ctx):
        for k in self.managed:
            g = ctx.grad(k)
            if g is not None:
                g.mul_(self.masks[k])

    def _report_window(self, ctx):
        counts = ctx.all_reduce_sum(self.live.clone())
        wired = [(float(d), float(t)) for d, t in zip(counts[0], counts[1]) if t > 0]
        if not wired:
            return
        dead, total = sum(d for d, _ in wired), sum(t for _, t in wired)
        ctx.report(self.node, "dnr", dead / total)
        ctx.report(self.node, "dnrLayers", [d / t for d, t in wired])
        self._reset_counts()

    def _rewind(self, ctx):
        if self.rewind != "none":
            for k in self.rewound:
                ctx.weight(k).copy_(self.initial[k])
        for i, k in enumerate(self.managed):
            w = ctx.weight(k)
            base = w
            if self.rewind == "reinit":
                from netwright_torch import seeded_permutation

                init = self.initial[k]
                perm = torch.tensor(seeded_permutation(init.numel(), (self.events + 1) * 7919 + i), device=init.device)
                base = init.reshape(-1)[perm].reshape(init.shape)
            w.copy_(base * self.masks[k])

    def _prune(self, ctx, ends):
        keys = self.managed
        masks, by_base, by_ap = apmask_prune_event([ends[k] for k in keys], [self.start[k] for k in keys], [self.masks[k] for k in keys], self.prune_rate, self.ap_rate, self.scope)
        self.masks = dict(zip(keys, masks))
        self._rewind(ctx)
        self.start = {k: ctx.weight(k) * self.masks[k] for k in keys}
        if self.reset_optimizer:
            ctx.reset_optimizer()
        self.events += 1
        # this step ran on the network before the event: its dead counts belong to no window
        self._reset_counts()
        ctx.report(self.node, "pruneEvent", self.events)
        ctx.report(self.node, "prunedByBase", by_base)
        ctx.report(self.node, "prunedByAP", by_ap)
        self._sparsity(ctx)

    def netwright_after_step(self, ctx):
        for k in self.managed:
            ctx.weight(k).mul_(self.masks[k])
        if ctx.step % self.window == 0:
            self._report_window(ctx)
        if self.pending is not None:
            ends, self.pending = self.pending, None
            self._prune(ctx, ends)
        elif ctx.step % self.cycle_steps == 0:
            self._sparsity(ctx)
            if self.events < self.num_cycles:
                self.pending = {k: ctx.weight(k).detach().clone() for k in self.managed}

    def netwright_after_run(self, ctx):
        self._sparsity(ctx)
        self.initial, self.start, self.pending = {}, {}, None
`;

/** The whole source of the emitter. */
export const APMASK_PY = `${PRUNE_PY}

${MODULE_PY}`;
