import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `parity`: `generateParity` of lower.ts in Python, on the same seeded Rng. */
export const parityTorch: TorchEmitter = {
  source: `def parity(samples, length, seed):
    """Netwright "parity": bit strings [length, 1], row i of parity i mod 2 (the last bit sets it)."""
    rng = Rng(seed)
    xs, ys = [], []
    for i in range(samples):
        target = i % 2
        bits = [0 if rng.next() < 0.5 else 1 for _ in range(length - 1)]
        bits.append((sum(bits) + target) % 2)
        xs.append([[float(b)] for b in bits])
        ys.append(target)
    return {"x": torch.tensor(xs, dtype=torch.float32), "y": torch.tensor(ys, dtype=torch.int32)}
`,
  construct: ({ params, py }) =>
    `ArraySource(parity(samples=${py(params.samples)}, length=${py(params.length)}, seed=${py(params.seed)}), eval_split=${py(params.evalSplit)}, seed=${py(params.seed)}, stratify="y")`,
};
