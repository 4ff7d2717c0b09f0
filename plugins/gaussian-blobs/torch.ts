import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `gaussian-blobs`: `generateBlobs` of lower.ts in Python, on the same seeded Rng. */
export const gaussianBlobsTorch: TorchEmitter = {
  source: `def gaussian_blobs(samples, classes, dims, spread, seed):
    """Netwright "gaussian-blobs": centres uniform in [-4, 4)^dims, row i of class i mod classes."""
    rng = Rng(seed)
    centre_rng = rng.fork("centres")
    centres = [centre_rng.next() * 8 - 4 for _ in range(classes * dims)]
    xs, ys = [], []
    for i in range(samples):
        c = i % classes
        ys.append(c)
        xs.append([centres[c * dims + d] + spread * rng.normal() for d in range(dims)])
    return {"x": torch.tensor(xs, dtype=torch.float32), "y": torch.tensor(ys, dtype=torch.int32)}
`,
  construct: ({ params, py }) =>
    `ArraySource(gaussian_blobs(samples=${py(params.samples)}, classes=${py(params.classes)}, dims=${py(params.dims)}, spread=${py(params.spread)}, seed=${py(params.seed)}), eval_split=${py(params.evalSplit)}, seed=${py(params.seed)}, stratify="y")`,
};
