import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { MASKED_MEAN_PY } from '../_shared/torchActivations.ts';

/** PyTorch emitter of `cross-entropy`: log-softmax, (smoothed) one-hot targets, masked mean. */
export const crossEntropyTorch: TorchEmitter = {
  source: `${MASKED_MEAN_PY}

class CrossEntropy(nn.Module):
    """Netwright "cross-entropy": mean negative log-likelihood of class ids under softmax(pred)."""

    def __init__(self, label_smoothing=0.0):
        super().__init__()
        self.label_smoothing = label_smoothing

    def forward(self, pred, target, mask=None):
        k = pred.shape[-1]
        logp = F.log_softmax(pred, dim=-1)
        onehot = F.one_hot(target.long(), k).to(pred.dtype)
        if self.label_smoothing > 0:
            onehot = onehot * (1 - self.label_smoothing) + self.label_smoothing / k
        return masked_mean(-(onehot * logp).sum(-1), mask)
`,
  construct: ({ params, py }) => `CrossEntropy(label_smoothing=${py(params.labelSmoothing)})`,
};
