import {
  definePlugin,
  formatShape,
  shapesCompatible,
  tensorValue,
  type Dim,
} from '../../runtime/sdk/index.ts';
import { inputTorch } from './torch.ts';

/**
 * Names and checks the per-example shape at the entrance of a model. Data nodes may feed
 * layers directly; an input node in between documents what the model expects and fails early
 * (at inference time, naming this node) when the data does not fit. Left unconnected, it still
 * gives downstream layers a shape, so a model can be designed before any data is chosen.
 */
export const inputSpec = definePlugin({
  id: 'input',
  version: '1.0.0',
  title: 'Input',
  category: 'io',
  role: 'layer',
  doc: 'Declares the per-example shape and dtype a model expects. Wire data into "x" to check it; unconnected, it only provides the shape for design.',
  inputs: {
    x: {
      kind: 'tensor',
      dtype: 'any',
      optional: true,
      doc: 'Data [?, ...shape]; checked against the params.',
    },
  },
  outputs: { y: { kind: 'tensor', dtype: 'any', doc: 'The same tensor, [?, ...shape].' } },
  params: {
    shape: {
      kind: 'ints',
      default: [2],
      min: 1,
      maxLength: 6,
      doc: 'Shape of one example, without the batch axis.',
    },
    dtype: { kind: 'enum', options: ['float32', 'int32'], default: 'float32' },
  },
  keyParams: ['shape', 'dtype'],
  examples: [{ params: { shape: [3] }, inputs: { x: { shape: [2, 3] } } }],
  torch: inputTorch,
  infer(ctx) {
    const { params, inputs } = ctx;
    const x = inputs.x;
    const declared: Dim[] = [null, ...params.shape];
    if (!x || x.kind !== 'tensor') return { outputs: { y: tensorValue(declared, params.dtype) } };
    if (!shapesCompatible(x.shape, declared)) {
      return ctx.fail(`"x" is ${formatShape(x.shape)} but this input declares ${formatShape(declared)}`, {
        port: 'x',
      });
    }
    if (x.dtype !== params.dtype)
      return ctx.fail(`"x" is ${x.dtype} but this input declares ${params.dtype}`, { port: 'x' });
    return { outputs: { y: tensorValue([x.shape[0] ?? null, ...params.shape], params.dtype) } };
  },
});
