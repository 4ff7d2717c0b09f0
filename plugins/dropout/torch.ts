import { oneParamModuleTorch } from '../_shared/torchModule.ts';

/**
 * PyTorch emitter of `dropout`: inverted dropout in training, identity in eval. The masks come
 * from torch's generator (seeded by the run's seed), not Netwright's, so a run with dropout
 * follows its own random path.
 */
export const dropoutTorch = oneParamModuleTorch({
  className: 'Dropout',
  doc: 'Netwright "dropout": keep with probability 1 - rate and scale by 1/(1 - rate) in training.',
  param: 'rate',
  forward: ['return F.dropout(x, self.rate, self.training) if self.rate > 0 else x'],
});
