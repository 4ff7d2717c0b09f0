import { beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionPlan } from '../compile/plan.ts';
import { NetwrightError } from '../sdk/errors.ts';
import { Engine } from './engine.ts';
import { tf } from './tf.ts';
import { classifierPlan } from '../../test/support/plans.ts';
import { testLowerings } from '../../test/support/fakePlugins/lower.ts';
import { transferables, type WeightsFile } from './weightsFile.ts';
import { packWeights, unpackWeights } from './weightsPack.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof NetwrightError ? `${e.code}: ${e.message}` : String(e);
  }
  return undefined;
}

describe('Engine', () => {
  it('returns tfjs memory to the baseline after load -> train -> infer -> dispose', async () => {
    const engine = new Engine();
    const choice = await engine.init('wasm');
    expect(choice.name).toBe('wasm');
    const baseline = engine.memory().numTensors;
    const info = engine.load(classifierPlan({ schedule: true }), testLowerings);
    expect(info).toMatchObject({ weightCount: 4, seed: 1, paramCount: 2 * 8 + 8 + 8 * 2 + 2 });
    expect(engine.memory().numTensors).toBe(baseline + 4);
    const result = await engine.train({ steps: 30 });
    expect(result.metrics.acc).toBeGreaterThanOrEqual(0.9);
    const out = await engine.infer(undefined, { batchSize: 10 });
    expect(Object.keys(out.outputs).sort()).toEqual(['acc:value', 'ce:loss']);
    expect(out.outputs['acc:value']!.shape).toEqual([]);
    const logits = await engine.infer({ data: { x: { shape: [3, 2], data: [-2, 0, 2, 0, 0.1, 0.1] } } }, { outputs: ['out:y'] });
    expect(logits.outputs['out:y']!.shape).toEqual([3, 2]);
    const d = logits.outputs['out:y']!.data;
    // The blobs sit at x = -1 (class 0) and x = +1 (class 1).
    expect(d[0]!).toBeGreaterThan(d[1]!);
    expect(d[2]!).toBeLessThan(d[3]!);
    expect(engine.memory().numTensors).toBe(baseline + 4);
    engine.dispose();
    expect(engine.memory().numTensors).toBe(baseline);
    await expect(engine.infer()).rejects.toThrow(/no graph is loaded/);
  });

  it('refuses anything but a version-1 netwright.plan, keeping the loaded one', () => {
    const engine = new Engine();
    engine.load(classifierPlan(), testLowerings);
    const plan = classifierPlan();
    const wrong = (fields: Record<string, unknown>): ExecutionPlan => ({ ...plan, ...fields });
    expect(codeOf(() => engine.load(wrong({ format: 'netwright.graph' }), testLowerings))).toBe(
      'ENGINE_PLAN_FORMAT: not an execution plan: format is "netwright.graph", expected "netwright.plan"',
    );
    expect(codeOf(() => engine.load(wrong({ format: undefined }), testLowerings))).toBe(
      'ENGINE_PLAN_FORMAT: not an execution plan: format is missing, expected "netwright.plan"',
    );
    expect(codeOf(() => engine.load(wrong({ version: 2 }), testLowerings))).toBe(
      'ENGINE_PLAN_FORMAT: execution plan version 2 is not supported: this engine runs version 1; compile the graph again with this build',
    );
    expect(codeOf(() => engine.load(wrong({ version: '1' }), testLowerings))).toMatch(/^ENGINE_PLAN_FORMAT: execution plan version "1" is not supported/);
    expect(engine.exportWeights().tensors['h/kernel']!.shape).toEqual([2, 8]);
    engine.dispose();
  });

  it('refuses a plan whose plugins lack lowerings, keeping the loaded one', () => {
    const engine = new Engine();
    engine.load(classifierPlan(), testLowerings);
    const partial = testLowerings.filter((l) => l.id !== 't.dense' && l.id !== 't.sgd');
    expect(codeOf(() => engine.load(classifierPlan(), partial))).toBe(
      'ENGINE_NO_LOWERING: node "h" (t.dense): no lowering is registered for plugin "t.dense" (and 2 more: out, opt)',
    );
    const noSource = testLowerings.map((l) => (l.id === 't.blobs' ? { id: l.id } : l));
    expect(codeOf(() => engine.load(classifierPlan(), noSource))).toBe('ENGINE_NO_LOWERING: node "data" (t.blobs): its lowering has no source()');
    expect(engine.exportWeights().tensors['h/kernel']!.shape).toEqual([2, 8]);
    engine.dispose();
  });

  it('re-initialises from the seed for each run (identical metrics) unless asked to continue', async () => {
    const engine = new Engine();
    engine.load(classifierPlan(), testLowerings);
    const a = await engine.train({ steps: 10 });
    const b = await engine.train({ steps: 10 });
    expect(b.metrics).toEqual(a.metrics);
    const c = await engine.train({ steps: 10, continue: true });
    expect(c.metrics.loss).toBeLessThan(b.metrics.loss!);
    engine.dispose();
  });

  it('stops and pauses a run in progress through its own methods', async () => {
    const engine = new Engine();
    engine.load(classifierPlan(), testLowerings);
    expect(engine.training).toBe(false);
    let pausedAt = 0;
    // Paused and stopped from step events, so each step is read back at once (an interval of one).
    const result = await engine.train({ steps: 40, readbackSteps: 1 }, (e) => {
      if (e.event !== 'step') return;
      if (e.step === 2) {
        engine.pause();
        pausedAt = Date.now();
        setTimeout(() => {
          engine.resume();
        }, 120);
      }
      if (e.step === 5) engine.stop();
    });
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(120);
    expect(result).toMatchObject({ steps: 5, stopped: true });
    expect(engine.training).toBe(false);
    engine.dispose();
  });

  it('gives schedules the previous run and keeps the data they saved', async () => {
    const engine = new Engine();
    engine.load(classifierPlan({ schedule: true }), testLowerings);
    const first = await engine.train({ steps: 4 });
    expect(first.savedData.sched).toEqual({ previousSteps: 0 });
    const second = await engine.train({ steps: 6 });
    expect(second.savedData.sched).toEqual({ previousSteps: 4 });
    expect(engine.lastHistory()?.gradNorms).toHaveLength(6);
    engine.dispose();
  });

  it('round-trips weights through the JSON and binary forms', async () => {
    const engine = new Engine();
    engine.load(classifierPlan(), testLowerings);
    await engine.train({ steps: 5 });
    const json = engine.exportWeights();
    const feeds = { data: { x: { shape: [4, 2], data: [-1, 0, 1, 0, 0.3, -2, 2, 2] } } };
    const before = await engine.infer(feeds, { outputs: ['out:y'] });
    const bin = engine.exportWeightsBinary();
    expect(transferables(bin).length).toBe(4);
    const packed = packWeights(bin);
    const text = JSON.stringify(json);
    engine.load(classifierPlan(), testLowerings, { seed: 99 });
    const fresh = await engine.infer(feeds, { outputs: ['out:y'] });
    expect(fresh.outputs['out:y']!.data).not.toEqual(before.outputs['out:y']!.data);
    engine.importWeights(JSON.parse(text) as unknown);
    expect((await engine.infer(feeds, { outputs: ['out:y'] })).outputs['out:y']!.data).toEqual(before.outputs['out:y']!.data);
    engine.load(classifierPlan(), testLowerings, { seed: 99 });
    engine.importWeights(unpackWeights(packed));
    expect(engine.exportWeights()).toEqual(json);
    engine.dispose();
  });

  it('refuses weights of another graph, of the wrong shape, or malformed, changing nothing', () => {
    const engine = new Engine();
    engine.load(classifierPlan(), testLowerings);
    const json = engine.exportWeights();
    const same = JSON.stringify(json);
    engine.load(classifierPlan({ hidden: { units: 5 } }), testLowerings);
    const kept = JSON.stringify(engine.exportWeights());
    expect(codeOf(() => {
      engine.importWeights(json);
    })).toMatch(
      /^WEIGHTS_GRAPH: the weights were saved for another graph .* do not fit it: h\/kernel: the file has shape \[2, 8\] but the graph needs \[2, 5\]/,
    );
    expect(JSON.stringify(engine.exportWeights())).toBe(kept);
    engine.load(classifierPlan(), testLowerings);
    const otherHash: WeightsFile = { ...(JSON.parse(same) as WeightsFile), graphHash: 'abc' };
    expect(codeOf(() => {
      engine.importWeights(otherHash);
    })).toMatch(/^WEIGHTS_GRAPH: .*every weight fits/);
    expect(codeOf(() => {
      engine.importWeights(otherHash, { allowOtherGraph: true });
    })).toBeUndefined();
    const truncated = JSON.parse(same) as { tensors: Record<string, { data: number[] }> };
    truncated.tensors['h/bias']!.data.pop();
    expect(codeOf(() => {
      engine.importWeights(truncated);
    })).toBe('WEIGHTS_FORMAT: tensors.h/bias.data: has 7 values but shape [8] needs 8');
    const missing = JSON.parse(same) as { tensors: Record<string, unknown> };
    delete missing.tensors['out/bias'];
    expect(codeOf(() => {
      engine.importWeights(missing);
    })).toBe('WEIGHTS_MISSING: the weight file has no weights for out/bias');
    expect(codeOf(() => {
      engine.importWeights({ format: 'netwright.weights', version: 2 });
    })).toMatch(/^WEIGHTS_FORMAT: weight file version 2 is not supported/);
    expect(codeOf(() => {
      engine.importWeights('nope');
    })).toMatch(/^WEIGHTS_FORMAT: not a weight file/);
    expect(() => unpackWeights(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/does not start with NWW1/);
    engine.dispose();
  });
});
