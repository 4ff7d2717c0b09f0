import { beforeAll, describe, expect, it } from 'vitest';
import { classifierPlan } from '../../test/support/plans.ts';
import { testLowerings } from '../../test/support/fakePlugins/lower.ts';
import { Engine } from './engine.ts';
import { tf } from './tf.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('Engine.calibrate (Node: wasm and cpu)', () => {
  it('times real steps on each backend, activates the fastest and leaves no tensors or plan behind', async () => {
    const engine = new Engine();
    await engine.init('wasm');
    const before = tf.memory().numTensors;
    const calibrated = await engine.calibrate(classifierPlan(), testLowerings, { budgetMs: 1500 });
    expect(tf.memory().numTensors).toBe(before);
    expect(calibrated.timings.map((t) => t.name)).toEqual(['wasm', 'cpu']);
    const timed = calibrated.timings.filter((t) => t.stepsPerSecond !== undefined);
    expect(timed.length).toBeGreaterThan(0);
    const fastest = Math.max(...timed.map((t) => t.stepsPerSecond!));
    expect(calibrated.timings.find((t) => t.name === calibrated.chosen)?.stepsPerSecond).toBe(fastest);
    expect(tf.getBackend()).toBe(calibrated.chosen);
    expect(calibrated.choice).toEqual({
      name: calibrated.chosen,
      reason: expect.stringMatching(new RegExp(`^Auto: .* — chose ${calibrated.chosen}(;|$)`)) as unknown,
    });
    expect(engine.backend?.name).toBe(calibrated.chosen);
    // Bounded: 1.5 s plus at most a step and the set-up of a run (generous for a loaded machine).
    expect(calibrated.ms).toBeLessThan(1500 + 1000);
    await expect(engine.train({ steps: 1 })).rejects.toThrow(/no graph is loaded/);
  });

  it('does not change training results: the run after calibrating equals a run without it', async () => {
    const plan = classifierPlan();
    const calibrating = new Engine();
    const calibrated = await calibrating.calibrate(plan, testLowerings, { budgetMs: 600, seed: 5 });
    calibrating.load(plan, testLowerings, { seed: 5 });
    const after = await calibrating.train({ steps: 25, seed: 5 });
    calibrating.dispose();

    const plain = new Engine();
    await plain.init(calibrated.chosen);
    plain.load(plan, testLowerings, { seed: 5 });
    const reference = await plain.train({ steps: 25, seed: 5 });
    plain.dispose();
    expect(after.metrics).toEqual(reference.metrics);
    expect(after.history.gradNorms).toEqual(reference.history.gradNorms);
    await tf.setBackend('wasm');
  });

  it('falls back to the fixed rules when no backend can be timed', async () => {
    const engine = new Engine();
    const calibrated = await engine.calibrate(classifierPlan(), testLowerings, { budgetMs: 0 });
    expect(calibrated.fallback).toBe(true);
    expect(calibrated.chosen).toBe('wasm');
    expect(calibrated.choice.reason).toBe(
      'Auto: no backend could be timed; the fixed rules chose wasm; not timed: wasm, cpu (no time was left)',
    );
  });

  it('refuses a bad plan before touching any backend', async () => {
    const engine = new Engine();
    await engine.init('cpu');
    await expect(engine.calibrate({ ...classifierPlan(), version: 9 as 1 }, testLowerings)).rejects.toThrow(
      /ENGINE_PLAN_FORMAT|version 9/,
    );
    expect(tf.getBackend()).toBe('cpu');
    await tf.setBackend('wasm');
  });
});
