import { beforeAll, describe, expect, it } from 'vitest';
import { NetwrightError } from '../sdk/errors.ts';
import { classifierPlan } from '../../test/support/plans.ts';
import { countReadbacks } from '../../test/support/readbackCounter.ts';
import { testLowerings } from '../../test/support/fakePlugins/lower.ts';
import { indexLowerings } from './lowerings.ts';
import { tf } from './tf.ts';
import { train } from './trainer.ts';
import type { ProgressEvent, StepEvent, TrainOptions } from './trainTypes.ts';
import { createWeights } from './weights.ts';
import type { ExecutionPlan } from '../compile/plan.ts';

const lowerings = indexLowerings(testLowerings);

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** Trains with tensor reads counted; `readsAtEvent[i]` is the count when the i-th step event arrived. */
async function countedRun(plan: ExecutionPlan, options: TrainOptions) {
  const store = createWeights(plan, lowerings, 1);
  const counter = countReadbacks();
  const steps: StepEvent[] = [];
  const readsAtEvent: number[] = [];
  const events: ProgressEvent[] = [];
  try {
    const result = await train(plan, lowerings, store, options, (e) => {
      events.push(e);
      if (e.event !== 'step') return;
      steps.push(e);
      readsAtEvent.push(counter.count());
    });
    return { result, steps, readsAtEvent, reads: counter.count(), events };
  } finally {
    counter.dispose();
    store.dispose();
  }
}

describe('readback interval (wasm)', () => {
  it('reads the steps back once per interval, and the numbers equal those of a run read every step', async () => {
    const plan = classifierPlan({ sgd: { steps: 30, evalEvery: 0 } });
    const before = tf.memory().numTensors;
    // A long time limit: the interval is the step count alone, so the count cannot depend on the machine.
    const batched = await countedRun(plan, { readbackSteps: 10, readbackMs: 1e9 });
    expect(tf.memory().numTensors).toBe(before);
    expect(batched.steps.map((e) => e.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Three intervals of ten steps: one readback each, and each interval's events arrive together after it.
    expect(batched.readsAtEvent).toEqual([...Array<number>(10).fill(1), ...Array<number>(10).fill(2), ...Array<number>(10).fill(3)]);
    // ... plus the final evaluation's readback.
    expect(batched.reads).toBe(4);
    const everyStep = await countedRun(plan, { readbackSteps: 1 });
    expect(everyStep.reads).toBe(31);
    expect(batched.steps.map((e) => [e.loss, e.gradNorm, e.metrics])).toEqual(everyStep.steps.map((e) => [e.loss, e.gradNorm, e.metrics]));
    expect(batched.result.metrics).toEqual(everyStep.result.metrics);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads an evaluation back with its interval', async () => {
    const run = await countedRun(classifierPlan({ sgd: { steps: 20, evalEvery: 5 } }), { readbackSteps: 50, readbackMs: 1e9 });
    const evals = run.events.filter((e) => e.event === 'eval');
    expect(evals.map((e) => e.step)).toEqual([5, 10, 15, 20]);
    // Steps 1-5 + eval, 6-10 + eval, 11-15 + eval, 16-20, the final evaluation.
    expect(run.reads).toBe(5);
  });

  it('clips on the device as the host did: the same numbers with a clip norm that bites', async () => {
    const plan = classifierPlan({ sgd: { steps: 12, clipNorm: 0.05, lr: 0.5, evalEvery: 0 } });
    const batched = await countedRun(plan, { readbackSteps: 6, readbackMs: 1e9 });
    const everyStep = await countedRun(plan, { readbackSteps: 1 });
    expect(batched.steps.some((e) => e.gradNorm > 0.05)).toBe(true);
    expect(batched.steps.map((e) => e.loss)).toEqual(everyStep.steps.map((e) => e.loss));
    expect(batched.reads).toBe(3);
  });

  it('finds a NaN loss at the readback, replays the interval and stops where a run read every step stops', async () => {
    // A learning rate of 1e38 overflows the weights after a step or two: the loss goes
    // non-finite at a later step of the interval, found only at its readback.
    const plan = classifierPlan({ between: 't.sqrt', hidden: { activation: 'relu' }, sgd: { steps: 20, evalEvery: 0, lr: 1e38 } });
    const failedRun = async (options: TrainOptions) => {
      const store = createWeights(plan, lowerings, 1);
      const stepEvents: number[] = [];
      let error: unknown;
      try {
        await train(plan, lowerings, store, options, (e) => {
          if (e.event === 'step') stepEvents.push(e.step);
        });
      } catch (e) {
        error = e;
      }
      const weights: Record<string, number[]> = {};
      for (const [k, v] of store.byKey) weights[k] = [...(await v.data())];
      store.dispose();
      return { error, stepEvents, weights };
    };
    const before = tf.memory().numTensors;
    const batched = await failedRun({ readbackSteps: 20, readbackMs: 1e9 });
    const everyStep = await failedRun({ readbackSteps: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(batched.error).toBeInstanceOf(NetwrightError);
    const e = batched.error as NetwrightError;
    expect(e.code).toBe('TRAIN_NONFINITE');
    expect(e.message).toMatch(/^loss became (NaN|-?Infinity) at step \d+; the first non-finite output is node "\w+" \(t\.\w+\) port "\w+"; non-finite weights: h\/kernel/);
    const at = Number(/at step (\d+)/.exec(e.message)![1]);
    expect(at).toBeGreaterThanOrEqual(2);
    expect(e.step).toBe(at);
    expect(batched.stepEvents).toEqual(Array.from({ length: at - 1 }, (_, i) => i + 1));
    // The same error, the same events and the same weights (those before step 2) as a run read every step.
    expect([batched.stepEvents, e.message]).toEqual([everyStep.stepEvents, (everyStep.error as Error).message]);
    expect(batched.weights).toEqual(everyStep.weights);
  });

  it('names the node of a NaN at the first step of an interval, as before the update', async () => {
    const plan = classifierPlan({ between: 't.sqrt', hidden: { activation: 'none' } });
    const store = createWeights(plan, lowerings, 1);
    const initial = [...(await store.byKey.get('h/kernel')!.data())];
    let err: unknown;
    try {
      await train(plan, lowerings, store, { readbackSteps: 10, readbackMs: 1e9 });
    } catch (e) {
      err = e;
    }
    expect((err as NetwrightError).message).toMatch(/^loss became NaN at step 1; the first non-finite output is node "mid" \(t\.sqrt\) port "y"/);
    // The update that step 1 made on the NaN was undone: the weights are the initial ones.
    expect([...(await store.byKey.get('h/kernel')!.data())]).toEqual(initial);
    store.dispose();
  });
});
