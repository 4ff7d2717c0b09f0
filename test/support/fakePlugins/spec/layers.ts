/** Fake layers: dense layers, pass-throughs and plugins with a bug. */
import {
  definePlugin,
  tensorValue,
  type Dim,
  type InferResult,
  type PortValue,
} from '../../../../runtime/sdk/index.ts';
import { fakeHead, fakeLayer } from './builders.ts';

/** `[batch, units]` out, a glorot kernel, an optional zero bias and the matmul's FLOPs. */
function linearResult(batch: Dim | undefined, inFeatures: number, units: number, bias: boolean): InferResult {
  const kernel = { shape: [inFeatures, units], init: { kind: 'glorotUniform' as const } };
  return {
    outputs: { y: tensorValue([batch ?? null, units]) },
    weights: bias ? { kernel, bias: { shape: [units], init: { kind: 'zeros' as const } } } : { kernel },
    flops: 2 * inFeatures * units,
  };
}

/** A dense layer with every param kind the inspector shows, key params and a paper link. */
export const testDenseSpec = definePlugin({
  ...fakeLayer({ id: 'test.dense', title: 'Dense', doc: 'y = x W + b', rank: 2 }),
  paper: { title: 'A paper', url: 'https://example.org/paper' },
  params: {
    units: { kind: 'int', default: 8, min: 1, max: 65536, log: true },
    activation: { kind: 'enum', options: ['linear', 'relu', 'tanh'], default: 'linear' },
    useBias: { kind: 'bool', default: true },
    lr: { kind: 'float', default: 0.001, min: 1e-6, max: 1, log: true },
  },
  keyParams: ['units', 'activation'],
  infer(ctx) {
    const x = ctx.inputs.x;
    if (x?.kind !== 'tensor') return ctx.fail('input "x" must be a tensor', { port: 'x' });
    const inF = x.shape[1];
    if (inF === null || inF === undefined)
      return ctx.fail('input "x" needs a known feature size', { port: 'x' });
    return linearResult(x.shape[0], inF, ctx.params.units, ctx.params.useBias);
  },
});

/** A dense layer; its one migration renamed `width` to `units`. */
export const linSpec = definePlugin({
  ...fakeLayer({ id: 'lin', title: 'Linear', doc: 'y = x W + b', rank: 2 }),
  version: '1.1.0',
  params: { units: { kind: 'int', default: 4, min: 1 }, bias: { kind: 'bool', default: true } },
  infer: (ctx) => {
    const x = ctx.inputs.x;
    if (x?.kind !== 'tensor') return ctx.fail('needs a tensor', { port: 'x' });
    const n = x.shape[1];
    if (n === null || n === undefined) return ctx.fail('needs a known feature count', { port: 'x' });
    return linearResult(x.shape[0], n, ctx.params.units, ctx.params.bias);
  },
  migrations: [
    {
      name: 'rename-width-to-units',
      up: (node) => {
        if ('width' in node.params) {
          node.params.units = node.params.width!;
          Reflect.deleteProperty(node.params, 'width');
        }
      },
    },
  ],
});

/** Sum of two tensors; `b` is optional. Keeps running statistics as state. */
export const addSpec = definePlugin({
  ...fakeHead({ role: 'layer', id: 'add', title: 'Add', doc: 'a + b' }),
  category: 'structure',
  inputs: { a: { kind: 'tensor' }, b: { kind: 'tensor', optional: true } },
  outputs: { y: { kind: 'tensor' } },
  params: {},
  infer: ({ inputs }) => ({ outputs: { y: inputs.a! }, state: { count: { shape: [1] } } }),
});

/** A plugin whose `infer` has a bug: it throws a plain error. */
export const acmeBoomSpec = definePlugin({
  ...fakeLayer({ id: 'acme.boom', title: 'Boom', doc: 'Always throws.' }),
  version: '0.1.0',
  category: 'other',
  params: {},
  infer: () => {
    throw new TypeError('cannot read properties of undefined');
  },
});

/** Dense layer with optional activation, L1/L2 penalties and lrScale on the kernel. */
export const tDenseSpec = definePlugin({
  ...fakeLayer({ id: 't.dense', title: 'Dense', doc: 'test dense', rank: 2 }),
  params: {
    units: { kind: 'int', default: 4, min: 1 },
    activation: { kind: 'enum', options: ['none', 'relu', 'tanh'], default: 'none' },
    l1: { kind: 'float', default: 0 },
    l2: { kind: 'float', default: 0 },
    lrScale: { kind: 'float', default: 1 },
    customInit: { kind: 'bool', default: false },
  },
  infer: ({ params, inputs }) => {
    const x = inputs.x;
    const inDim = x?.kind === 'tensor' ? (x.shape[1] ?? 1) : 1;
    const optim = { l1: params.l1, l2: params.l2, lrScale: params.lrScale };
    return {
      outputs: { y: tensorValue([x?.kind === 'tensor' ? (x.shape[0] ?? null) : null, params.units]) },
      weights: {
        kernel: {
          shape: [inDim, params.units],
          init: params.customInit ? { kind: 'custom' } : { kind: 'glorotUniform' },
          optim,
        },
        bias: { shape: [params.units], init: { kind: 'zeros' } },
      },
    };
  },
});

/**
 * The pass-through fakes below: `y` has the value of `x`. Each differs only in its lowering
 * (../lower.ts) and, for `t.freeze`, in params and state.
 */
const passThrough = {
  version: '1.0.0',
  role: 'layer',
  inputs: { x: { kind: 'tensor' } },
  outputs: { y: { kind: 'tensor' } },
  params: {},
  infer: ({ inputs }: { readonly inputs: Readonly<Record<string, PortValue>> }): InferResult => ({
    outputs: { y: inputs.x! },
  }),
} as const;

/** y = sqrt(x): NaN for negative inputs (to test divergence reports). */
export const tSqrtSpec = definePlugin({
  ...passThrough,
  id: 't.sqrt',
  title: 'Sqrt',
  category: 'activation',
  doc: 'test sqrt',
});

/** Returns its input tensor itself (as pass-through nodes do). */
export const tIdentitySpec = definePlugin({
  ...passThrough,
  id: 't.identity',
  title: 'Identity',
  category: 'other',
  doc: 'y = x, same tensor',
});

/** Throws in apply. */
export const tBoomSpec = definePlugin({
  ...passThrough,
  id: 't.boom',
  title: 'Boom',
  category: 'other',
  doc: 'throws',
});

/** Pass-through whose hooks exercise every hook (see ../lower.ts); counts steps in state. */
export const tFreezeSpec = definePlugin({
  ...passThrough,
  id: 't.freeze',
  title: 'Freeze',
  category: 'training',
  doc: 'freezes upstream',
  params: {
    freeze: { kind: 'bool', default: true },
    failAtStep: { kind: 'int', default: 0, min: 0 },
    readInGradients: { kind: 'bool', default: false },
  },
  infer: ({ inputs }) => ({ outputs: { y: inputs.x! }, state: { count: { shape: [], initial: 0 } } }),
});
