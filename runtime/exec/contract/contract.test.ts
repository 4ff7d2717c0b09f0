import { beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, tensorValue, type AnyPluginSpec } from '../../sdk/index.ts';
import { defineLowering, type AnyPluginLowering, type PluginLowering } from '../../lower/lowering.ts';
import { tf } from '../tf.ts';
import { runContract } from './run.ts';
import type { ContractCheckName, ContractReport } from './types.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** y = x * w + b over the last axis: the plugin every case below breaks in one way. */
const scaleSpec = definePlugin({
  id: 'test.scale',
  version: '1.0.0',
  title: 'Scale',
  category: 'layers',
  role: 'layer',
  doc: 'y = x * w + b on the last axis.',
  inputs: { x: { kind: 'tensor', rank: { min: 2 } } },
  outputs: { y: { kind: 'tensor', rank: { min: 2 } } },
  params: { gain: { kind: 'float', default: 1, min: 0 } },
  infer(ctx) {
    const x = ctx.inputs.x;
    if (x?.kind !== 'tensor') return ctx.fail('x is not connected', { port: 'x' });
    const n = x.shape[x.shape.length - 1];
    if (typeof n !== 'number') return ctx.fail('last axis of x must be known', { port: 'x' });
    return { outputs: { y: tensorValue(x.shape) }, weights: { w: { shape: [n], init: { kind: 'glorotUniform' } }, b: { shape: [n], init: { kind: 'zeros' } } } };
  },
  migrations: [{ name: 'add-gain', up: (node) => void (node.params.gain ??= 1) }],
  examples: [{ inputs: { x: { shape: [2, 3] } } }, { params: { gain: 2 }, inputs: { x: { shape: [2, 4, 5] } } }],
});

const scaleLowering = defineLowering(scaleSpec, {
  id: scaleSpec.id,
  apply: ({ x }, { weights, params }) => ({ y: tf.add(tf.mul(tf.mul(x!, weights.w!), params.gain), weights.b!) }),
});

async function contract(spec: AnyPluginSpec, lowering: AnyPluginLowering | undefined): Promise<ContractReport> {
  return runContract(spec, lowering);
}

function failed(r: ContractReport): ContractCheckName[] {
  return r.checks.filter((c) => !c.ok).map((c) => c.name);
}

function messageOf(r: ContractReport, name: ContractCheckName): string {
  return r.checks.find((c) => c.name === name)?.message ?? '';
}

function variant(over: Partial<PluginLowering<typeof scaleSpec.params>>): AnyPluginLowering {
  return { ...scaleLowering, ...over };
}

describe('runContract', () => {
  it('passes a correct plugin on every check, without leaks', async () => {
    const before = tf.memory().numTensors;
    const r = await contract(scaleSpec, scaleLowering);
    expect(r.checks.map((c) => c.name)).toEqual(['spec', 'params', 'migrations', 'examples', 'shapes', 'paramCount', 'initDeterministic', 'applyDeterministic', 'gradients']);
    expect(failed(r), JSON.stringify(r.checks)).toEqual([]);
    expect(messageOf(r, 'paramCount')).toContain('6, 10');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails a layer without examples, saying how to add one', async () => {
    const r = await contract({ ...scaleSpec, examples: [] }, scaleLowering);
    expect(failed(r)).toEqual(['examples']);
    expect(messageOf(r, 'examples')).toMatch(/spec\.examples/);
    expect(r.checks.map((c) => c.name)).not.toContain('shapes');
  });

  it('fails when infer disagrees with the real output shape', async () => {
    const wrong = { ...scaleSpec, infer: (ctx: Parameters<typeof scaleSpec.infer>[0]) => {
      const r = scaleSpec.infer(ctx);
      const y = r.outputs.y!;
      return { ...r, outputs: { y: y.kind === 'tensor' ? tensorValue([...y.shape.slice(0, -1), 99]) : y } };
    } } as AnyPluginSpec;
    const r = await contract(wrong, scaleLowering);
    expect(failed(r)).toContain('shapes');
    expect(messageOf(r, 'shapes')).toMatch(/infer says \[2, 99\] but apply gives \[2, 3\]/);
  });

  it('fails when a custom init gives the wrong number of values, and when it ignores the seed', async () => {
    const wrongSize = variant({ initWeights: () => ({ w: new Float32Array(1) }) });
    expect(messageOf(await contract(scaleSpec, wrongSize), 'paramCount')).toMatch(/initWeights gave 1 values/);
    let calls = 0;
    const unseeded = variant({ initWeights: () => ({ w: new Float32Array(3).fill(++calls), b: new Float32Array(3) }) });
    const spec = { ...scaleSpec, examples: [scaleSpec.examples![0]!] } as AnyPluginSpec;
    expect(messageOf(await contract(spec, unseeded), 'initDeterministic')).toMatch(/weight "w" differs between two initialisations/);
  });

  it('fails a non-deterministic apply, a leaking apply, and an unused weight', async () => {
    let n = 0;
    const noisy = variant({ apply: ({ x }, { weights }) => ({ y: tf.add(tf.mul(x!, weights.w!), ++n) }) });
    expect(failed(await contract(scaleSpec, noisy))).toContain('applyDeterministic');
    const leaky = variant({ apply: ({ x }, { weights }) => ({ y: tf.mul(tf.keep(tf.mul(x!, weights.w!)), 1) }) });
    const r = await contract(scaleSpec, leaky);
    expect(messageOf(r, 'shapes')).toMatch(/leaked/);
    tf.disposeVariables();
    const unused = variant({ apply: ({ x }, { weights }) => ({ y: tf.mul(x!, weights.w!) }) });
    expect(messageOf(await contract(scaleSpec, unused), 'gradients')).toMatch(/weight "b" gets no gradient/);
  });

  it('reports an apply that throws while differentiated, leaving no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const throwsInTraining = variant({
      apply: ({ x }, { weights, training }) => {
        const y = tf.add(tf.mul(x!, weights.w!), weights.b!);
        if (training) throw new Error('no training here');
        return { y };
      },
    });
    const r = await contract(scaleSpec, throwsInTraining);
    expect(messageOf(r, 'gradients')).toMatch(/no training here/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails bad migrations and a missing or mismatched lowering', async () => {
    const dup = { ...scaleSpec, migrations: [{ name: 'a', up: () => undefined }, { name: 'a', up: () => undefined }] } as AnyPluginSpec;
    expect(messageOf(await contract(dup, scaleLowering), 'migrations')).toMatch(/repeats the name/);
    const throws = { ...scaleSpec, migrations: [{ name: 'boom', up: () => { throw new Error('no'); } }] } as AnyPluginSpec;
    expect(messageOf(await contract(throws, scaleLowering), 'migrations')).toMatch(/"boom" throws on example 1/);
    expect(messageOf(await contract(scaleSpec, undefined), 'spec')).toMatch(/no lowering registered/);
    expect(messageOf(await contract(scaleSpec, variant({ apply: undefined })), 'spec')).toMatch(/must provide apply/);
  });

  it('fails an example whose params do not validate, naming the param', async () => {
    const bad = { ...scaleSpec, examples: [{ params: { gain: -1 }, inputs: { x: { shape: [2, 3] } } }] } as AnyPluginSpec;
    const r = await contract(bad, scaleLowering);
    expect(messageOf(r, 'params')).toMatch(/example 1 \(x \[2, 3\]\): param "gain" must be >= 0/);
  });
});
