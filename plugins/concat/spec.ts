import { definePlugin, formatShape, tensorValue, type Dim, type Shape } from '../../runtime/sdk/index.ts';
import { normaliseAxis } from '../_shared/shapes.ts';
import { concatTorch } from './torch.ts';

/** The concat inputs, in the order they are joined. */
export const CONCAT_PORTS = ['a', 'b', 'c', 'd'] as const;

/** Joins two to four tensors along one axis (not the batch axis). */
export const concatSpec = definePlugin({
  id: 'concat',
  version: '1.0.0',
  title: 'Concatenate',
  category: 'structure',
  role: 'layer',
  doc: 'Joins a, b and the optional c, d (in that order) along "axis"; every other axis must agree. The batch axis (0) cannot be joined.',
  inputs: {
    a: { kind: 'tensor', rank: { min: 2 } },
    b: { kind: 'tensor', rank: { min: 2 } },
    c: { kind: 'tensor', rank: { min: 2 }, optional: true },
    d: { kind: 'tensor', rank: { min: 2 }, optional: true },
  },
  outputs: { y: { kind: 'tensor', rank: { min: 2 } } },
  params: {
    axis: {
      kind: 'int',
      default: -1,
      min: -8,
      max: 8,
      doc: 'Axis to join along; negative counts from the end.',
    },
  },
  keyParams: ['axis'],
  examples: [
    { inputs: { a: { shape: [2, 3] }, b: { shape: [2, 2] } } },
    {
      params: { axis: 1 },
      inputs: { a: { shape: [2, 1, 3] }, b: { shape: [2, 2, 3] }, c: { shape: [2, 3, 3] } },
    },
  ],
  torch: concatTorch,
  infer(ctx) {
    const parts: { port: string; shape: Shape }[] = [];
    for (const port of CONCAT_PORTS) {
      const v = ctx.inputs[port];
      if (v?.kind === 'tensor') parts.push({ port, shape: v.shape });
      else if (port === 'a' || port === 'b') return ctx.fail(`input "${port}" is not connected`, { port });
    }
    const first = parts[0]!;
    const rank = first.shape.length;
    const axis = normaliseAxis(ctx.params.axis, rank);
    if (axis === undefined)
      return ctx.fail(`axis ${ctx.params.axis} is outside rank ${rank}`, { param: 'axis' });
    if (axis === 0) return ctx.fail('cannot concatenate along the batch axis (0)', { param: 'axis' });
    const out: Dim[] = [...first.shape];
    let joined: Dim = 0;
    for (const { port, shape } of parts) {
      if (shape.length !== rank)
        return ctx.fail(`"${port}" ${formatShape(shape)} has rank ${shape.length}, "a" has rank ${rank}`, {
          port,
        });
      for (let i = 0; i < rank; i++) {
        const d = shape[i] ?? null;
        if (i === axis) joined = joined === null || d === null ? null : joined + d;
        else if (d !== null && out[i] !== null && out[i] !== d) {
          return ctx.fail(
            `"${port}" ${formatShape(shape)} disagrees with ${formatShape(first.shape)} on axis ${i}`,
            { port },
          );
        } else out[i] = out[i] ?? d;
      }
    }
    out[axis] = joined;
    return { outputs: { y: tensorValue(out) } };
  },
});
