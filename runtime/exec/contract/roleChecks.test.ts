import { beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, tensorValue, type AnyPluginSpec } from '../../sdk/index.ts';
import type { AnyPluginLowering, OptimiserRule } from '../../lower/lowering.ts';
import { tf } from '../tf.ts';
import { runContract } from './run.ts';
import type { ContractReport } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const status = (r: ContractReport): Record<string, boolean> => Object.fromEntries(r.checks.map((c) => [c.name, c.ok]));
const message = (r: ContractReport, name: string): string => r.checks.find((c) => c.name === name)?.message ?? '';

const dataSpec = definePlugin({
  id: 'test.ramp',
  version: '1.0.0',
  title: 'Ramp',
  category: 'data',
  role: 'data',
  doc: 'x = i/n, y = 2x.',
  inputs: {},
  outputs: { x: { kind: 'tensor', rank: 2 }, y: { kind: 'tensor', rank: 2 } },
  params: { n: { kind: 'int', default: 8, min: 1 } },
  infer: () => ({ outputs: { x: tensorValue([null, 1]), y: tensorValue([null, 1]) } }),
});

function rampLowering(width = 1): AnyPluginLowering {
  return {
    id: dataSpec.id,
    source: ({ params, rng }) => {
      const n = params.n as number;
      const offset = rng.next();
      const make = (b: number, i: number) => {
        const x = Float32Array.from({ length: b }, (_, k) => ((i * b + k) % n) / n + offset);
        return { x: tf.tensor2d(x, [b, 1]), y: tf.tidy(() => tf.tile(tf.tensor2d(x.map((v) => 2 * v), [b, 1]), [1, width])) };
      };
      return { size: { train: n, eval: 0 }, batch: (_s, i, b) => make(b, i), all: () => make(n, 0), dispose: () => undefined };
    },
  };
}

const scheduleSpec = definePlugin({
  id: 'test.constant-lr',
  version: '1.0.0',
  title: 'Constant',
  category: 'schedule',
  role: 'schedule',
  doc: 'A constant rate.',
  inputs: {},
  outputs: { lr: { kind: 'schedule' } },
  params: { lr: { kind: 'float', default: 0.1, min: 0 } },
  infer: () => ({ outputs: { lr: { kind: 'schedule' } } }),
});

const optSpec = definePlugin({
  id: 'test.sgd',
  version: '1.0.0',
  title: 'SGD',
  category: 'optimiser',
  role: 'optimiser',
  doc: 'Plain gradient descent with momentum slots.',
  inputs: {},
  outputs: { run: { kind: 'schedule' } },
  params: {},
  infer: () => ({ outputs: { run: { kind: 'schedule' } } }),
});

function sgd(disposeSlots: boolean): AnyPluginLowering {
  return {
    id: optSpec.id,
    optimiser: () => {
      const slots = new Map<string, tf.Tensor>();
      const rule: OptimiserRule = {
        apply(grads, vars, lr) {
          for (const [k, g] of Object.entries(grads)) {
            const m = tf.tidy(() => (slots.has(k) ? tf.add(tf.mul(slots.get(k)!, 0.9), g) : tf.clone(g)));
            slots.get(k)?.dispose();
            slots.set(k, m);
            tf.tidy(() => {
              vars[k]!.assign(tf.sub(vars[k]!, tf.mul(m, lr)));
            });
          }
        },
        reset: () => {
          tf.dispose([...slots.values()]);
          slots.clear();
        },
        dispose: () => {
          if (disposeSlots) tf.dispose([...slots.values()]);
        },
      };
      return { settings: { steps: 10, batchSize: 4, seed: 1, evalEvery: 0 }, rule };
    },
  };
}

describe('role checks', () => {
  it('passes a data source whose batches match infer, and fails one that does not', async () => {
    expect(status(await runContract(dataSpec, rampLowering()))).toEqual({ spec: true, params: true, migrations: true, source: true });
    const r = await runContract(dataSpec, rampLowering(2));
    expect(message(r, 'source')).toMatch(/train batch 0 "y": infer says \[\?, 1\] but apply gives \[4, 2\]/);
  });

  it('checks a schedule returns totalSteps finite rates', async () => {
    const good: AnyPluginLowering = { id: scheduleSpec.id, schedule: ({ params, totalSteps }) => new Float32Array(totalSteps).fill(params.lr as number) };
    expect(status(await runContract(scheduleSpec, good)).schedule).toBe(true);
    const short: AnyPluginLowering = { id: scheduleSpec.id, schedule: () => new Float32Array(3) };
    expect(message(await runContract(scheduleSpec, short), 'schedule')).toMatch(/3 rates for 40 steps/);
    const nan: AnyPluginLowering = { id: scheduleSpec.id, schedule: ({ totalSteps }) => new Float32Array(totalSteps).fill(NaN) };
    expect(message(await runContract(scheduleSpec, nan), 'schedule')).toMatch(/step 1 is NaN/);
  });

  it('checks an optimiser updates variables and disposes its slots', async () => {
    const ok = await runContract(optSpec, sgd(true));
    expect(status(ok).optimiser, message(ok, 'optimiser')).toBe(true);
    const r = await runContract(optSpec, sgd(false));
    expect(message(r, 'optimiser')).toMatch(/leaked/);
  });

  it('fails a controller without hooks', async () => {
    const spec = { ...optSpec, id: 'test.ctrl', role: 'controller', outputs: {} } as AnyPluginSpec;
    const r = await runContract(spec, { id: 'test.ctrl' });
    expect(message(r, 'hooks')).toMatch(/controller acts only through hooks/);
  });
});
