import { oneParamModuleTorch } from '../_shared/torchModule.ts';

/** PyTorch emitter of `global-pool`: mean or max over every axis between batch and channels. */
export const globalPoolTorch = oneParamModuleTorch({
  className: 'GlobalPool',
  doc: 'Netwright "global-pool": [B, ..., C] -> [B, C] by mean or max.',
  param: 'mode',
  forward: ['dims = list(range(1, x.dim() - 1))', 'return x.mean(dim=dims) if self.mode == "mean" else x.amax(dim=dims)'],
});
