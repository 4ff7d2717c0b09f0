import { definePlugin, formatShape, tensorValue } from '../../runtime/sdk/index.ts';
import { convOutLength, knownPerExample } from '../_shared/shapes.ts';
import { layerPorts, tensorInput } from '../_shared/ports.ts';
import { pool2dTorch } from './torch.ts';

/** Max or average pooling over NHWC images. */
export const pool2dSpec = definePlugin({
  id: 'pool2d',
  version: '1.0.0',
  title: 'Pool 2D',
  category: 'layers',
  role: 'layer',
  doc: 'Max or average over poolSize windows moved by strides: [?, H, W, C] -> [?, H\', W\', C]. Averages over "same" padding count only real pixels.',
  ...layerPorts({ rank: 4, doc: 'Images [?, H, W, C].' }, { rank: 4 }),
  params: {
    mode: { kind: 'enum', options: ['max', 'avg'], default: 'max' },
    poolSize: { kind: 'ints', default: [2, 2], length: 2, min: 1, max: 64, label: 'Pool size' },
    strides: { kind: 'ints', default: [2, 2], length: 2, min: 1, max: 64 },
    padding: { kind: 'enum', options: ['valid', 'same'], default: 'valid' },
  },
  keyParams: ['mode', 'poolSize'],
  examples: [
    { inputs: { x: { shape: [2, 4, 4, 2] } } },
    { params: { mode: 'avg', padding: 'same', poolSize: [3, 3] }, inputs: { x: { shape: [1, 5, 5, 1] } } },
  ],
  torch: pool2dTorch,
  infer(ctx) {
    const { params } = ctx;
    const x = tensorInput(ctx, 'x');
    const [ph, pw] = params.poolSize as [number, number];
    const [sh, sw] = params.strides as [number, number];
    const h = convOutLength(x.shape[1] ?? null, ph, sh, 1, params.padding);
    const w = convOutLength(x.shape[2] ?? null, pw, sw, 1, params.padding);
    if (h === 0 || w === 0)
      return ctx.fail(`the ${ph}x${pw} window does not fit in ${formatShape(x.shape)}`, {
        param: 'poolSize',
      });
    return {
      outputs: { y: tensorValue([x.shape[0] ?? null, h, w, x.shape[3] ?? null]) },
      flops: knownPerExample(x.shape),
    };
  },
});
