/**
 * Small plugin specs for headless editor tests, so model tests do not depend on which
 * built-in plugins exist yet. Not used by the app.
 */
import { createRegistry, definePlugin, tensorValue, type AnyPluginSpec, type Registry, type WeightSpec } from '../../../runtime/sdk/index.ts';

const source = definePlugin({
  id: 'test.source',
  version: '1.0.0',
  title: 'Source',
  category: 'data',
  role: 'data',
  doc: 'Emits batches of feature vectors.',
  inputs: {},
  outputs: { x: { kind: 'tensor', rank: 2 } },
  params: { features: { kind: 'int', default: 2, min: 1, max: 4096 } },
  keyParams: ['features'],
  infer: ({ params }) => ({ outputs: { x: tensorValue([null, params.features]) } }),
});

const dense = definePlugin({
  id: 'test.dense',
  version: '1.0.0',
  title: 'Dense',
  category: 'layers',
  role: 'layer',
  doc: 'y = x W + b',
  paper: { title: 'A paper', url: 'https://example.org/paper' },
  inputs: { x: { kind: 'tensor', rank: 2 } },
  outputs: { y: { kind: 'tensor', rank: 2 } },
  params: {
    units: { kind: 'int', default: 8, min: 1, max: 65536, log: true },
    activation: { kind: 'enum', options: ['linear', 'relu', 'tanh'], default: 'linear' },
    useBias: { kind: 'bool', default: true },
    lr: { kind: 'float', default: 0.001, min: 1e-6, max: 1, log: true },
  },
  keyParams: ['units', 'activation'],
  infer(ctx) {
    const { params, inputs } = ctx;
    const x = inputs.x;
    if (x?.kind !== 'tensor') return ctx.fail('input "x" must be a tensor', { port: 'x' });
    const inF = x.shape[1];
    if (inF === null || inF === undefined) return ctx.fail('input "x" needs a known feature size', { port: 'x' });
    const w = { shape: [inF, params.units], init: { kind: 'glorotUniform' as const } };
    const weights: Record<string, WeightSpec> = params.useBias ? { kernel: w, bias: { shape: [params.units], init: { kind: 'zeros' as const } } } : { kernel: w };
    return { outputs: { y: tensorValue([x.shape[0] ?? null, params.units]) }, weights, flops: 2 * inF * params.units };
  },
});

const seq = definePlugin({
  id: 'test.sequence',
  version: '1.0.0',
  title: 'Sequence source',
  category: 'sequence',
  role: 'data',
  doc: 'Emits rank-3 batches.',
  inputs: {},
  outputs: { x: { kind: 'tensor', rank: 3 } },
  params: { kernel: { kind: 'ints', default: [3, 3], length: 2, min: 1 } },
  infer: () => ({ outputs: { x: tensorValue([null, 4, 4]) } }),
});

const loss = definePlugin({
  id: 'test.loss',
  version: '1.0.0',
  title: 'MSE loss',
  category: 'loss',
  role: 'loss',
  doc: 'Mean squared error.',
  inputs: { pred: { kind: 'tensor', rank: 2 }, target: { kind: 'tensor', rank: 2 } },
  outputs: { loss: { kind: 'tensor', rank: 0 } },
  params: {},
  infer(ctx) {
    const { inputs } = ctx;
    const p = inputs.pred;
    const t = inputs.target;
    if (p?.kind === 'tensor' && t?.kind === 'tensor' && p.shape[1] !== t.shape[1]) {
      return ctx.fail(`pred has ${p.shape[1]} features but target has ${t.shape[1]}`, { port: 'target' });
    }
    return { outputs: { loss: tensorValue([]) } };
  },
});

const schedule = definePlugin({
  id: 'test.schedule',
  version: '1.0.0',
  title: 'Cosine schedule',
  category: 'schedule',
  role: 'schedule',
  doc: 'A learning-rate schedule.',
  inputs: {},
  outputs: { schedule: { kind: 'schedule' } },
  params: {},
  infer: () => ({ outputs: { schedule: { kind: 'schedule' } } }),
});

/** The test specs. */
export const testSpecs: readonly AnyPluginSpec[] = [source, dense, seq, loss, schedule];

/** A registry of the test specs. */
export function testRegistry(): Registry {
  return createRegistry(testSpecs, 'editor tests');
}
