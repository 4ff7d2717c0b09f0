import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `sgd`: torch.optim.SGD has the same (Nesterov) momentum formulation. */
export const sgdTorch: TorchEmitter = {
  source: '',
  construct: ({ params, py }) =>
    Number(params.momentum) > 0
      ? `torch.optim.SGD(groups, lr=${py(params.lr)}, momentum=${py(params.momentum)}, nesterov=${py(params.nesterov)})`
      : `torch.optim.SGD(groups, lr=${py(params.lr)})`,
};
