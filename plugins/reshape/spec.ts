import { definePlugin, formatShape, tensorValue } from '../../runtime/sdk/index.ts';
import { perExampleSize } from '../_shared/shapes.ts';
import { tensorInput } from '../_shared/ports.ts';
import { reshapeTorch } from './torch.ts';

/** Reshapes each example; the batch axis is kept. */
export const reshapeSpec = definePlugin({
  id: 'reshape',
  version: '1.0.0',
  title: 'Reshape',
  category: 'structure',
  role: 'layer',
  doc: 'Gives each example a new shape with the same number of elements; one entry may be -1 (inferred). The batch axis is kept.',
  inputs: { x: { kind: 'tensor', dtype: 'any', rank: { min: 1 } } },
  outputs: { y: { kind: 'tensor', dtype: 'any' } },
  params: {
    shape: {
      kind: 'ints',
      default: [-1],
      min: -1,
      minLength: 1,
      maxLength: 6,
      doc: 'Target shape of one example, e.g. [4, 8] or [-1, 16].',
    },
  },
  keyParams: ['shape'],
  examples: [{ params: { shape: [2, -1] }, inputs: { x: { shape: [2, 6] } } }],
  torch: reshapeTorch,
  infer(ctx) {
    const x = tensorInput(ctx, 'x');
    const target = ctx.params.shape;
    const free = target.filter((d) => d === -1).length;
    if (free > 1) return ctx.fail('at most one entry of "shape" may be -1', { param: 'shape' });
    if (target.includes(0)) return ctx.fail('entries of "shape" must be positive or -1', { param: 'shape' });
    const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const size = perExampleSize(x.shape);
    const bad = (): never =>
      ctx.fail(
        `an example of "x" ${formatShape(x.shape)} has ${size} elements, which do not fit shape [${target.join(', ')}]`,
        {
          param: 'shape',
        },
      );
    if (size !== null && (free === 0 ? known !== size : size % known !== 0)) return bad();
    const out = target.map((d) => (d === -1 ? (size === null ? null : size / known) : d));
    return { outputs: { y: tensorValue([x.shape[0] ?? null, ...out], x.dtype) } };
  },
});
