import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `adam`: torch.optim.Adam has the same bias-corrected update. */
export const adamTorch: TorchEmitter = {
  source: '',
  construct: ({ params, py }) =>
    `torch.optim.Adam(groups, lr=${py(params.lr)}, betas=(${py(params.beta1)}, ${py(params.beta2)}), eps=${py(params.eps)})`,
};
