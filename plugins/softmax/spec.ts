import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { knownPerExample } from '../_shared/shapes.ts';
import { layerPorts, tensorInput } from '../_shared/ports.ts';
import { softmaxTorch } from './torch.ts';

/** Softmax over the last axis. */
export const softmaxSpec = definePlugin({
  id: 'softmax',
  version: '1.0.0',
  title: 'Softmax',
  category: 'activation',
  role: 'layer',
  doc: 'y = exp(x) / sum(exp(x)) over the last axis. Feed logits, not softmax outputs, to cross-entropy.',
  ...layerPorts({ rank: { min: 1 } }, { rank: { min: 1 } }),
  params: {},
  examples: [{ inputs: { x: { shape: [2, 4] } } }],
  torch: softmaxTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    return { outputs: { y: tensorValue(x.shape) }, flops: 3 * knownPerExample(x.shape) };
  },
});
