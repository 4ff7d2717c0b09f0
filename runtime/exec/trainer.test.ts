import { beforeAll, describe, expect, it } from 'vitest';
import { NetwrightError } from '../sdk/errors.ts';
import { tf } from './tf.ts';
import { classifierPlan } from '../../test/support/plans.ts';
import { freezeMemoryLog, sgdCalls, testLowerings } from '../../test/support/fakePlugins/lower.ts';
import { train } from './trainer.ts';
import { createRunController, type ProgressEvent, type StepEvent } from './trainTypes.ts';
import { indexLowerings } from './lowerings.ts';
import { createWeights } from './weights.ts';
import type { ExecutionPlan } from '../compile/plan.ts';
import type { TrainOptions } from './trainTypes.ts';

const lowerings = indexLowerings(testLowerings);

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

async function run(plan: ExecutionPlan, options: TrainOptions = {}, seed = 1) {
  const store = createWeights(plan, lowerings, seed);
  const events: ProgressEvent[] = [];
  try {
    const result = await train(plan, lowerings, store, options, (e) => events.push(e));
    const weights: Record<string, number[]> = {};
    for (const [k, v] of store.byKey) weights[k] = [...(await v.data())];
    const state: Record<string, number[]> = {};
    for (const [k, v] of store.stateByKey) state[k] = [...(await v.data())];
    return { result, events, weights, state };
  } finally {
    store.dispose();
  }
}

describe('train', () => {
  it('learns the blobs, reports every step, and is deterministic for a seed', async () => {
    const before = tf.memory().numTensors;
    const a = await run(classifierPlan({ sgd: { evalEvery: 10 } }));
    expect(tf.memory().numTensors).toBe(before);
    expect(a.result.steps).toBe(40);
    expect(a.result.metrics.acc).toBeGreaterThanOrEqual(0.95);
    const steps = a.events.filter((e): e is StepEvent => e.event === 'step');
    expect(steps.map((e) => e.step)).toEqual([...Array(40).keys()].map((i) => i + 1));
    expect(steps[39]!.loss).toBeLessThan(steps[0]!.loss);
    expect(steps[0]!.lr).toBeCloseTo(0.1, 6);
    expect(steps[5]!.metrics.acc).toBeGreaterThanOrEqual(0);
    expect(steps[5]!.stepsPerSecond).toBeGreaterThan(0);
    expect(a.events.filter((e) => e.event === 'eval').map((e) => (e as { step: number }).step)).toEqual([10, 20, 30, 40]);
    expect(a.events[0]!.event).toBe('start');
    expect(a.events.at(-1)).toMatchObject({ event: 'done', steps: 40, stopped: false, metrics: a.result.metrics });
    expect(a.result.history.gradNorms).toHaveLength(40);
    const b = await run(classifierPlan({ sgd: { evalEvery: 10 } }));
    expect(b.result.metrics).toEqual(a.result.metrics);
    expect(b.weights).toEqual(a.weights);
    const c = await run(classifierPlan({ sgd: { evalEvery: 10 } }), { seed: 2 }, 2);
    expect(c.weights['h/kernel']).not.toEqual(a.weights['h/kernel']);
  });

  it('takes options over the optimiser settings and uses a connected schedule', async () => {
    const r = await run(classifierPlan({ schedule: true }), { steps: 5, batchSize: 4, history: { gradNorms: [1, 2, 3] } });
    const steps = r.events.filter((e): e is StepEvent => e.event === 'step');
    expect(steps.map((e) => e.lr)).toEqual([0.2, 0.16, 0.12, 0.08, 0.04].map((v) => Math.fround(v)));
    expect(r.result.settings).toMatchObject({ steps: 5, batchSize: 4, seed: 1 });
    expect(r.result.savedData.sched).toEqual({ previousSteps: 3 });
  });

  it('stops between steps when asked, still evaluating and ending cleanly', async () => {
    const control = createRunController();
    const store = createWeights(classifierPlan(), lowerings, 1);
    const before = tf.memory().numTensors;
    const events: ProgressEvent[] = [];
    // Stopped from the step event itself, so each step is read back at once (an interval of one).
    const result = await train(classifierPlan(), lowerings, store, { control, readbackSteps: 1 }, (e) => {
      events.push(e);
      if (e.event === 'step' && e.step === 3) control.stop();
    });
    expect(result.stopped).toBe(true);
    expect(result.steps).toBe(3);
    expect(events.at(-1)).toMatchObject({ event: 'done', steps: 3, stopped: true });
    expect(Number.isFinite(result.metrics.loss)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    store.dispose();
  });

  it('waits while paused and goes on after resume', async () => {
    const control = createRunController();
    const store = createWeights(classifierPlan(), lowerings, 1);
    let resumedAt = 0;
    const t0 = Date.now();
    const result = await train(classifierPlan(), lowerings, store, { control, steps: 4, readbackSteps: 1 }, (e) => {
      if (e.event === 'step' && e.step === 2) {
        control.pause();
        setTimeout(() => {
          resumedAt = Date.now() - t0;
          control.resume();
        }, 150);
      }
    });
    expect(result.steps).toBe(4);
    expect(resumedAt).toBeGreaterThanOrEqual(150);
    store.dispose();
  });

  it('stops on a NaN loss, naming the step and the first non-finite node', async () => {
    const plan = classifierPlan({ between: 't.sqrt', hidden: { activation: 'none' } });
    const store = createWeights(plan, lowerings, 1);
    const before = tf.memory().numTensors;
    let err: unknown;
    try {
      await train(plan, lowerings, store, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NetwrightError);
    expect((err as NetwrightError).code).toBe('TRAIN_NONFINITE');
    expect((err as NetwrightError).message).toMatch(/^loss became NaN at step 1; the first non-finite output is node "mid" \(t\.sqrt\) port "y"/);
    expect((err as NetwrightError).step).toBe(1);
    expect((err as NetwrightError).target.node).toBe('mid');
    expect(tf.memory().numTensors).toBe(before);
    store.dispose();
  });

  it('applies L1/L2 penalties and per-weight lrScale', async () => {
    const plain = await run(classifierPlan({ sgd: { steps: 20 } }));
    const l2 = await run(classifierPlan({ sgd: { steps: 20 }, hidden: { l2: 0.5 } }));
    const norm = (w: number[]) => Math.sqrt(w.reduce((a, v) => a + v * v, 0));
    expect(norm(l2.weights['h/kernel']!)).toBeLessThan(norm(plain.weights['h/kernel']!) * 0.9);
    const init = createWeights(classifierPlan(), lowerings, 1);
    const initial = [...(await init.byKey.get('h/kernel')!.data())];
    init.dispose();
    sgdCalls.lrs.length = 0;
    const frozen = await run(classifierPlan({ sgd: { steps: 3 }, hidden: { lrScale: 0 } }));
    expect(frozen.weights['h/kernel']).toEqual(initial);
    expect(frozen.weights['h/bias']).not.toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // One rule call per step per distinct scale: 0 for the kernel, 0.1 for the rest.
    expect(sgdCalls.lrs).toEqual([0, 0.1, 0, 0.1, 0, 0.1].map((v) => Math.fround(v)));
  });

  it('clips the global gradient norm and records the unclipped norm', async () => {
    const free = await run(classifierPlan({ sgd: { steps: 1, lr: 1 } }));
    const clipped = await run(classifierPlan({ sgd: { steps: 1, lr: 1, clipNorm: 0.01 } }));
    const norm0 = free.result.history.gradNorms[0]!;
    expect(clipped.result.history.gradNorms[0]).toBeCloseTo(norm0, 5);
    expect(norm0).toBeGreaterThan(0.01);
    const init = createWeights(classifierPlan(), lowerings, 1);
    let moved = 0;
    for (const [k, v] of init.byKey) {
      const a = await v.data();
      moved += clipped.weights[k]!.reduce((s, x, i) => s + (x - a[i]!) ** 2, 0);
    }
    init.dispose();
    expect(Math.sqrt(moved)).toBeCloseTo(0.01, 4);
  });

  it('calls every hook: gradient transforms, state updates, diagnostics and saved data', async () => {
    // runHistory holds the norms read back before the hook ran: every step is read back here,
    // after its afterStep hooks, so step 3's hook sees the norms of steps 1 and 2.
    const r = await run(classifierPlan({ between: 't.freeze', sgd: { steps: 6 } }), { readbackSteps: 1 });
    const init = createWeights(classifierPlan({ between: 't.freeze' }), lowerings, 1);
    expect(r.weights['h/kernel']).toEqual([...(await init.byKey.get('h/kernel')!.data())]);
    expect(r.weights['out/kernel']).not.toEqual([...(await init.byKey.get('out/kernel')!.data())]);
    init.dispose();
    expect(r.state['mid/count']).toEqual([6]);
    const steps = r.events.filter((e): e is StepEvent => e.event === 'step');
    expect(steps[2]!.diagnostics.mid!.normsSeen).toBe(2);
    expect(steps[2]!.diagnostics.mid!.meanAbs).toBeGreaterThan(0);
    // ctx.read: the values arrive, and nested reads settle, before the step's event
    expect(steps.map((e) => e.diagnostics.mid!.countRead)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(steps[5]!.diagnostics.mid!.tenfoldRead).toBe(60);
    expect(r.result.savedData.mid).toEqual({ steps: 6, norms: 6, type: 't.dense', memorySteps: 6 });
  });

  it('refuses ctx.read inside transformGradients (it runs inside the step), naming the node', async () => {
    const tensors = tf.memory().numTensors;
    await expect(run(classifierPlan({ between: 't.freeze', betweenParams: { readInGradients: true }, sgd: { steps: 2 } }))).rejects.toThrow(/mid.*transformGradients cannot read values back/s);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('gives each run its own node memory and frees it when the run ends, also when it fails', async () => {
    const before = { ...freezeMemoryLog };
    const a = await run(classifierPlan({ between: 't.freeze', sgd: { steps: 4 } }));
    const b = await run(classifierPlan({ between: 't.freeze', sgd: { steps: 3 } }));
    // one memory per run, shared by afterStep and afterRun, not carried into the next run
    expect(a.result.savedData.mid).toMatchObject({ memorySteps: 4 });
    expect(b.result.savedData.mid).toMatchObject({ memorySteps: 3 });
    expect(freezeMemoryLog.created - before.created).toBe(2);
    expect(freezeMemoryLog.disposed - before.disposed).toBe(2);
    // a run that fails after its memory was made still frees it
    await expect(run(classifierPlan({ between: 't.freeze', betweenParams: { failAtStep: 2 }, sgd: { steps: 5 } }))).rejects.toThrow(/freeze failed at step 2/);
    expect(freezeMemoryLog.created - before.created).toBe(3);
    expect(freezeMemoryLog.disposed - before.disposed).toBe(3);
  });

  it('frees what the gradient tape kept when the forward of a training step throws', async () => {
    const plan = classifierPlan({ sgd: { steps: 5 } });
    const boom: ExecutionPlan = { ...plan, steps: plan.steps.map((s) => (s.node === 'out' ? { ...s, type: 't.boom' } : s)) };
    const tensors = tf.memory().numTensors;
    // The failure names the step it happened at, as a field (the run panel never parses messages).
    const err = await run(boom).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetwrightError);
    expect((err as NetwrightError).message).toMatch(/node "out" \(t\.boom\) failed: kaboom/);
    expect((err as NetwrightError).step).toBe(1);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('explains graphs that cannot train', async () => {
    const plan = classifierPlan();
    const noOpt: ExecutionPlan = { ...plan, roles: { ...plan.roles, optimiser: [] } };
    await expect(run(noOpt)).rejects.toThrow(/the graph has no optimiser node/);
    const noLoss: ExecutionPlan = { ...plan, steps: plan.steps.map((s) => (s.node === 'opt' ? { ...s, inputs: {} } : s)) };
    await expect(run(noLoss)).rejects.toThrow(/optimiser "opt" has no loss/);
    await expect(run(plan, { steps: 0 })).rejects.toThrow(/run setting "steps" must be an integer >= 1 \(got 0\)/);
  });
});
