import type { TorchEmitter } from '../../runtime/sdk/index.ts';

/** PyTorch emitter of `adamw`: torch.optim.AdamW (w *= 1 - lr·wd before the Adam step); no-decay weights get a group with weight_decay 0. */
export const adamwTorch: TorchEmitter = {
  source: '',
  construct: ({ params, py }) =>
    `torch.optim.AdamW(groups, lr=${py(params.lr)}, betas=(${py(params.beta1)}, ${py(params.beta2)}), eps=${py(params.eps)}, weight_decay=${py(params.weightDecay)})`,
};
