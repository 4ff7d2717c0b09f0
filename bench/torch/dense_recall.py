"""The dense-only GLA associative-recall model (bench/graphs/gla-associative-recall-dense.graph.json)
in PyTorch eager on one CPU thread: the anchor that Netwright's wasm training step is compared
with (bench/torchAnchor.bench.ts, issue 12).

Same shapes, batch and optimiser as the graph: tokens [64, 16] from a vocabulary of 33,
embedding 64, token shift (x + Linear(x shifted one step)), two pre-LN blocks
x + Dense(LN x) and x + Dense(GELU(Dense(LN x))) (widths 64 -> 128 -> 64), final LN, linear head
to 33 logits, cross-entropy over the query positions (a mask), Adam (0.9, 0.999, 1e-8) with a
warm-up learning rate and the global gradient norm clipped to 1. The data are random tokens of the
same shapes (the time of a step does not depend on their values).

Prints one JSON line: {"torch": version, "threads": 1, "params": N, "msPerStep": mean wall time,
"cpuMsPerStep": mean CPU time of the process, "steps": N}.
Run: python3 bench/torch/dense_recall.py [--steps N] [--warmup N]
"""
import argparse
import json
import time

import torch
from torch import nn

BATCH, LENGTH, VOCAB, D, MLP, BLOCKS, QUERIES = 64, 16, 33, 64, 128, 2, 4


class TokenShift(nn.Module):
    """y = x + Linear(x_{t-1}), with a zero step in front."""

    def __init__(self) -> None:
        super().__init__()
        self.proj = nn.Linear(D, D)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        prev = nn.functional.pad(x, (0, 0, 1, 0))[:, :-1]
        return x + self.proj(prev)


class Block(nn.Module):
    """x + Dense(LN x), then x + MLP(LN x): the GLA layer with its GLA node replaced by a dense layer."""

    def __init__(self) -> None:
        super().__init__()
        self.ln_a = nn.LayerNorm(D, eps=1e-5)
        self.mix = nn.Linear(D, D)
        self.ln_b = nn.LayerNorm(D, eps=1e-5)
        self.mlp_a = nn.Linear(D, MLP)
        self.mlp_b = nn.Linear(MLP, D)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.mix(self.ln_a(x))
        return x + self.mlp_b(nn.functional.gelu(self.mlp_a(self.ln_b(x))))


class Model(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.emb = nn.Embedding(VOCAB, D)
        self.shift = TokenShift()
        self.blocks = nn.Sequential(*[Block() for _ in range(BLOCKS)])
        self.ln_f = nn.LayerNorm(D, eps=1e-5)
        self.head = nn.Linear(D, VOCAB)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.ln_f(self.blocks(self.shift(self.emb(tokens)))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = Model()
    params = sum(p.numel() for p in model.parameters())
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3, betas=(0.9, 0.999), eps=1e-8)
    generator = torch.Generator().manual_seed(1)
    samples = 4000
    tokens = torch.randint(0, VOCAB, (samples, LENGTH), generator=generator)
    targets = torch.randint(0, VOCAB, (samples, LENGTH), generator=generator)
    mask = torch.zeros(samples, LENGTH)
    mask[:, LENGTH - 2 * QUERIES :: 2] = 1.0

    def step(i: int) -> None:
        lo = (i * BATCH) % (samples - BATCH)
        x, y, m = tokens[lo : lo + BATCH], targets[lo : lo + BATCH], mask[lo : lo + BATCH]
        for group in optimiser.param_groups:
            group["lr"] = 3e-3 * min(1.0, (i + 1) / 50)
        logits = model(x)
        per_token = nn.functional.cross_entropy(logits.reshape(-1, VOCAB), y.reshape(-1), reduction="none")
        loss = (per_token * m.reshape(-1)).sum() / m.sum()
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()

    for i in range(args.warmup):
        step(i)
    start, cpu_start = time.perf_counter(), time.process_time()
    for i in range(args.warmup, args.warmup + args.steps):
        step(i)
    ms = (time.perf_counter() - start) * 1000 / args.steps
    cpu_ms = (time.process_time() - cpu_start) * 1000 / args.steps
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "params": params, "msPerStep": ms, "cpuMsPerStep": cpu_ms, "steps": args.steps}))


if __name__ == "__main__":
    main()
