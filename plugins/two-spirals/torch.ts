import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `two-spirals`: the generator of lower.ts in Python, on the same seeded Rng. */
export const twoSpiralsTorch: TorchEmitter = {
  source: `def two_spirals(samples, noise, turns, seed):
    """Netwright "two-spirals": the same points as in the browser (even rows class 0)."""
    rng = Rng(seed)
    max_angle = turns * 2 * math.pi
    xs, ys = [], []
    for i in range(samples):
        cls = i % 2
        theta = math.sqrt(rng.next()) * max_angle
        r = theta / max_angle
        sign = 1 if cls == 0 else -1
        px = sign * r * math.cos(theta) + noise * rng.normal()
        py = sign * r * math.sin(theta) + noise * rng.normal()
        xs.append([px, py])
        ys.append(cls)
    return {"x": torch.tensor(xs, dtype=torch.float32), "y": torch.tensor(ys, dtype=torch.int32)}
`,
  construct: ({ params, py }) =>
    `ArraySource(two_spirals(samples=${py(params.samples)}, noise=${py(params.noise)}, turns=${py(params.turns)}, seed=${py(params.seed)}), eval_split=${py(params.evalSplit)}, seed=${py(params.seed)}, stratify="y")`,
};
