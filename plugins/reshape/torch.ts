import { oneParamModuleTorch } from '../_shared/torchModule.ts';

/** PyTorch emitter of `reshape`: [B, ...] -> [B, *shape] (row-major). */
export const reshapeTorch = oneParamModuleTorch({
  className: 'Reshape',
  doc: 'Netwright "reshape": keeps the batch axis, reshapes the rest (row-major).',
  param: 'shape',
  forward: ['return x.reshape(x.shape[0], *self.shape)'],
});
