import type { TorchEmitter } from '../../runtime/sdk/index.ts';
import { MASKED_MEAN_PY } from '../_shared/torchActivations.ts';

/** PyTorch emitter of `accuracy`: argmax hits (ties to the lowest class), masked mean. */
export const accuracyTorch: TorchEmitter = {
  source: `${MASKED_MEAN_PY}

class Accuracy(nn.Module):
    """Netwright "accuracy": fraction of examples whose argmax class equals the target."""

    def forward(self, pred, target, mask=None):
        return masked_mean((pred.argmax(-1) == target.long()).to(pred.dtype), mask)
`,
  construct: () => 'Accuracy()',
};
