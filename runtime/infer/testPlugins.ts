/**
 * Tiny plugins for the runtime's own tests (files, inference, compiler). They do not depend on
 * the built-in plugins, so the core can be tested while those change.
 */
import { definePlugin, tensorValue, type AnyPluginSpec } from '../sdk/index.ts';
import { createRegistry, type Registry } from '../sdk/registry.ts';
import type { GraphDoc } from '../graph/types.ts';

/** A data source: `y` is a batch of `features`-vectors. */
export const srcSpec = definePlugin({
  id: 'src',
  version: '1.0.0',
  title: 'Source',
  category: 'data',
  role: 'data',
  doc: 'Batches of vectors.',
  inputs: {},
  outputs: { y: { kind: 'tensor', rank: 2 } },
  params: { features: { kind: 'int', default: 2, min: 1 } },
  infer: ({ params }) => ({ outputs: { y: tensorValue([null, params.features]) } }),
});

/** A dense layer; its one migration renamed `width` to `units`. */
export const linSpec = definePlugin({
  id: 'lin',
  version: '1.1.0',
  title: 'Linear',
  category: 'layers',
  role: 'layer',
  doc: 'y = x W + b',
  inputs: { x: { kind: 'tensor', rank: 2 } },
  outputs: { y: { kind: 'tensor', rank: 2 } },
  params: { units: { kind: 'int', default: 4, min: 1 }, bias: { kind: 'bool', default: true } },
  infer: (ctx) => {
    const { params, inputs } = ctx;
    const x = inputs.x;
    if (x?.kind !== 'tensor') return ctx.fail('needs a tensor', { port: 'x' });
    const n = x.shape[1];
    if (n === null || n === undefined) return ctx.fail('needs a known feature count', { port: 'x' });
    const weights = {
      kernel: { shape: [n, params.units], init: { kind: 'glorotUniform' as const } },
      ...(params.bias ? { bias: { shape: [params.units], init: { kind: 'zeros' as const } } } : {}),
    };
    return {
      outputs: { y: tensorValue([x.shape[0] ?? null, params.units]) },
      weights,
      flops: 2 * n * params.units,
    };
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
  id: 'add',
  version: '1.0.0',
  title: 'Add',
  category: 'structure',
  role: 'layer',
  doc: 'a + b',
  inputs: { a: { kind: 'tensor' }, b: { kind: 'tensor', optional: true } },
  outputs: { y: { kind: 'tensor' } },
  params: {},
  infer: ({ inputs }) => ({ outputs: { y: inputs.a! }, state: { count: { shape: [1] } } }),
});

/** Mean squared error: a scalar loss. */
export const mseSpec = definePlugin({
  id: 'mse',
  version: '1.0.0',
  title: 'MSE',
  category: 'loss',
  role: 'loss',
  doc: 'mean((pred - target)^2)',
  inputs: { pred: { kind: 'tensor', rank: 2 }, target: { kind: 'tensor', rank: 2 } },
  outputs: { loss: { kind: 'tensor', rank: 0 } },
  params: {},
  infer: () => ({ outputs: { loss: tensorValue([]) } }),
});

/** An optimiser node: reads the loss, outputs nothing. */
export const optSpec = definePlugin({
  id: 'opt',
  version: '2.0.0',
  title: 'Optimiser',
  category: 'optimiser',
  role: 'optimiser',
  doc: 'Minimises its loss input.',
  inputs: { loss: { kind: 'tensor', rank: 0 }, lr: { kind: 'schedule', optional: true } },
  outputs: {},
  params: { steps: { kind: 'int', default: 10, min: 1 } },
  infer: () => ({ outputs: {} }),
});

/** A learning-rate schedule. */
export const schedSpec = definePlugin({
  id: 'sched',
  version: '1.0.0',
  title: 'Schedule',
  category: 'schedule',
  role: 'schedule',
  doc: 'Constant rate.',
  inputs: {},
  outputs: { lr: { kind: 'schedule' } },
  params: {},
  infer: () => ({ outputs: { lr: { kind: 'schedule' } } }),
});

/** A plugin whose `infer` has a bug: it throws a plain error. */
export const boomSpec = definePlugin({
  id: 'acme.boom',
  version: '0.1.0',
  title: 'Boom',
  category: 'other',
  role: 'layer',
  doc: 'Always throws.',
  inputs: { x: { kind: 'tensor' } },
  outputs: { y: { kind: 'tensor' } },
  params: {},
  infer: () => {
    throw new TypeError('cannot read properties of undefined');
  },
});

/** All test specs. */
export const testSpecs: readonly AnyPluginSpec[] = [
  srcSpec,
  linSpec,
  addSpec,
  mseSpec,
  optSpec,
  schedSpec,
  boomSpec,
];

/** A registry of the test plugins. */
export function testRegistry(): Registry {
  return createRegistry(testSpecs, 'runtime test plugins');
}

/** A chain src -> add -> add -> ... built directly (commands would be the slow part here). */
export function chainDoc(n: number): GraphDoc {
  const nodes: Record<string, GraphDoc['nodes'][string]> = {
    n0: { id: 'n0', type: 'src', params: {}, position: { x: 0, y: 0 } },
  };
  const edges: Record<string, GraphDoc['edges'][string]> = {};
  for (let i = 1; i < n; i++) {
    nodes[`n${i}`] = { id: `n${i}`, type: 'add', params: {}, position: { x: 0, y: 0 } };
    const id = `n${i - 1}.y->n${i}.a`;
    edges[id] = { id, from: { node: `n${i - 1}`, port: 'y' }, to: { node: `n${i}`, port: 'a' } };
  }
  return { nodes, edges, meta: {}, placeholders: {} };
}
