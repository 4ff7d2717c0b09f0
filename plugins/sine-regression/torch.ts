import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `sine-regression`: `generateSine` of lower.ts in Python, on the same seeded Rng. */
export const sineRegressionTorch: TorchEmitter = {
  source: `def sine_regression(samples, frequency, amplitude, noise, seed):
    """Netwright "sine-regression": x uniform in [-pi, pi), y = amplitude*sin(frequency*x) + noise."""
    rng = Rng(seed)
    xs, ys = [], []
    for _ in range(samples):
        v = (rng.next() * 2 - 1) * math.pi
        xs.append([v])
        ys.append([amplitude * math.sin(frequency * v) + noise * rng.normal()])
    return {"x": torch.tensor(xs, dtype=torch.float32), "y": torch.tensor(ys, dtype=torch.float32)}
`,
  construct: ({ params, py }) =>
    `ArraySource(sine_regression(samples=${py(params.samples)}, frequency=${py(params.frequency)}, amplitude=${py(params.amplitude)}, noise=${py(params.noise)}, seed=${py(params.seed)}), eval_split=${py(params.evalSplit)}, seed=${py(params.seed)})`,
};
