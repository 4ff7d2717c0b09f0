import { definePlugin, tensorValue } from '../../runtime/sdk/index.ts';
import { broadcastShapes, knownPerExample } from '../_shared/shapes.ts';
import { tensorInput } from '../_shared/ports.ts';
import { addTorch } from './torch.ts';

/** Elementwise sum with NumPy broadcasting (residual connections). */
export const addSpec = definePlugin({
  id: 'add',
  version: '1.0.0',
  title: 'Add',
  category: 'structure',
  role: 'layer',
  doc: 'y = a + b, elementwise; shapes broadcast as in NumPy (for residual connections, give both the same shape).',
  inputs: { a: { kind: 'tensor', doc: 'First term.' }, b: { kind: 'tensor', doc: 'Second term.' } },
  outputs: { y: { kind: 'tensor', doc: 'The broadcast shape.' } },
  params: {},
  examples: [
    { inputs: { a: { shape: [2, 4] }, b: { shape: [2, 4] } } },
    { inputs: { a: { shape: [2, 3, 4] }, b: { shape: [2, 1, 4] } } },
  ],
  torch: addTorch,
  infer(ctx) {
    const a = tensorInput(ctx, 'a');
    const b = tensorInput(ctx, 'b');
    const shape = broadcastShapes(a.shape, b.shape);
    if (typeof shape === 'string') return ctx.fail(`"a" and "b" do not broadcast: ${shape}`, { port: 'b' });
    return { outputs: { y: tensorValue(shape) }, flops: knownPerExample(shape) };
  },
});
