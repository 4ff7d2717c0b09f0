import { beforeAll, describe, expect, it } from 'vitest';
import { NetwrightError } from '../sdk/errors.ts';
import type { ExecutionPlan } from '../compile/plan.ts';
import { firstNonFinite, forward, sinkOutputs, stepsFor, type ForwardOptions, type ForwardResult } from './executor.ts';
import { tf } from './tf.ts';
import { classifierPlan } from '../../test/support/plans.ts';
import { miniPlan, type MiniNode } from '../../test/support/miniPlan.ts';
import { testLowerings } from '../../test/support/fakePlugins/lower.ts';
import { testSpecs } from '../../test/support/fakePlugins/spec/index.ts';
import type { TensorMap } from '../lower/lowering.ts';
import { indexLowerings } from './lowerings.ts';
import { createWeights, type WeightStore } from './weights.ts';

const lowerings = indexLowerings(testLowerings);

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

function feedsFor(rows: number[][], labels: number[][]) {
  return { data: { x: tf.tensor2d(rows), y: tf.tensor2d(labels) } };
}

/** An inference-mode forward (training off, step 0) with the store's weights and state. */
function evalForward(plan: ExecutionPlan, store: WeightStore, feeds: ForwardOptions['feeds'], opts: Pick<ForwardOptions, 'outputs' | 'checkFinite'> = {}): ForwardResult {
  return forward(plan, lowerings, { weights: store.weights, state: store.state, feeds, training: false, step: 0, ...opts });
}

/** Checks that no tensor was left behind (the count is back to `before`), then frees the test's feeds and weights. */
function expectNoLeakThenFree(before: number, feeds: TensorMap, store: WeightStore): void {
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose(feeds);
  store.dispose();
}

/** The plan of data -> d (t.dense, 3 units) -> `rest`, with weights from seed 1. */
function afterDense(...rest: MiniNode[]): { plan: ExecutionPlan; store: WeightStore } {
  const plan = miniPlan(testSpecs, [{ id: 'data', type: 't.blobs' }, { id: 'd', type: 't.dense', params: { units: 3 }, inputs: { x: 'data:x' } }, ...rest]);
  return { plan, store: createWeights(plan, lowerings, 1) };
}

describe('forward', () => {
  it('computes the dense layers as the reference maths does, and leaks nothing', async () => {
    const plan = classifierPlan();
    const store = createWeights(plan, lowerings, 3);
    const feeds = feedsFor([[1, 2], [-1, 0.5], [0, 0]], [[1, 0], [0, 1], [1, 0]]);
    const before = tf.memory().numTensors;
    const r = evalForward(plan, store, feeds, { outputs: ['out:y', 'ce:loss'] });
    expect(Object.keys(r.outputs).sort()).toEqual(['ce:loss', 'out:y']);
    const expected = tf.tidy(() => {
      const h = tf.tanh(tf.add(tf.matMul(feeds.data.x, store.byKey.get('h/kernel')!), store.byKey.get('h/bias')!));
      return tf.add(tf.matMul(h, store.byKey.get('out/kernel')!), store.byKey.get('out/bias')!);
    });
    const got = await r.outputs['out:y']!.data();
    const want = await expected.data();
    expect(got.length).toBe(6);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 5);
    expected.dispose();
    // Only the two requested outputs outlive the call.
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose(r.outputs);
    expectNoLeakThenFree(before, feeds.data, store);
  });

  it('returns the sinks by default and runs only the steps the outputs need', () => {
    const plan = classifierPlan();
    expect(sinkOutputs(plan).sort()).toEqual(['acc:value', 'ce:loss']);
    expect(stepsFor(plan, ['h:y']).map((s) => s.node)).toEqual(['data', 'h']);
    const store = createWeights(plan, lowerings, 1);
    const feeds = { data: { x: tf.tensor2d([[1, 1]]) } };
    // Without labels only the hidden layer can run: asking for it must not touch the loss.
    const r = evalForward(plan, store, feeds, { outputs: ['h:y'] });
    expect(r.outputs['h:y']!.shape).toEqual([1, 8]);
    tf.dispose(r.outputs);
    tf.dispose(feeds.data);
    store.dispose();
  });

  it('turns a throwing lowering into a coded error naming the node, without leaks', () => {
    const plan = classifierPlan({ between: 't.boom' });
    const store = createWeights(plan, lowerings, 1);
    const feeds = feedsFor([[1, 2]], [[1, 0]]);
    const before = tf.memory().numTensors;
    let err: unknown;
    try {
      evalForward(plan, store, feeds);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NetwrightError);
    expect((err as NetwrightError).code).toBe('ENGINE_NODE_FAILED');
    expect((err as NetwrightError).message).toBe('node "mid" (t.boom) failed: kaboom');
    expect((err as NetwrightError).target.node).toBe('mid');
    expectNoLeakThenFree(before, feeds.data, store);
  });

  it('names a data node without a batch and an output whose shape contradicts inference', () => {
    const plan = classifierPlan();
    const store = createWeights(plan, lowerings, 1);
    expect(() => evalForward(plan, store, {})).toThrow(
      /data node "data" \(t\.blobs\) has no batch/,
    );
    const bad = { data: { x: tf.tensor2d([[1, 2, 3]]), y: tf.tensor2d([[1, 0]]) } };
    const before = tf.memory().numTensors;
    expect(() => evalForward(plan, store, bad)).toThrow(
      /node "data" \(t\.blobs\): output "x" is float32 \[1, 3\] but its spec inferred float32 \[\?, 2\]/,
    );
    expectNoLeakThenFree(before, bad.data, store);
  });

  it('keeps a tensor that a pass-through node returned as is, until its last alias is done', async () => {
    const { plan, store } = afterDense(
      { id: 'same', type: 't.identity', inputs: { x: 'd:y' } },
      { id: 'same2', type: 't.identity', inputs: { x: 'same:y' } },
      { id: 'e', type: 't.dense', params: { units: 2 }, inputs: { x: 'same2:y' } },
    );
    const feeds = { data: { x: tf.tensor2d([[1, 2]]) } };
    const before = tf.memory().numTensors;
    const r = evalForward(plan, store, feeds, { outputs: ['e:y', 'same:y'] });
    expect(r.outputs['e:y']!.shape).toEqual([1, 2]);
    expect((await r.outputs['same:y']!.data()).length).toBe(3);
    tf.dispose(r.outputs);
    expect(tf.memory().numTensors).toBe(before);
    const identity = evalForward(plan, store, feeds, { outputs: ['data:x'] });
    expect(identity.outputs['data:x']).not.toBe(feeds.data.x);
    tf.dispose(identity.outputs);
    expect(feeds.data.x.isDisposed).toBe(false);
    expectNoLeakThenFree(before, feeds.data, store);
  });

  it('with checkFinite, names the first node whose output is not finite (one async readback)', async () => {
    const { plan, store } = afterDense(
      { id: 'root', type: 't.sqrt', inputs: { x: 'd:y' } },
      { id: 'root2', type: 't.sqrt', inputs: { x: 'root:y' } },
    );
    const feeds = { data: { x: tf.tensor2d([[-5, -5], [5, 5]]), y: tf.tensor2d([[1, 0], [0, 1]]) } };
    const before = tf.memory().numTensors;
    const r = evalForward(plan, store, feeds, { checkFinite: true });
    expect(await firstNonFinite(r.finiteChecks ?? [])).toEqual({ node: 'root', type: 't.sqrt', port: 'y' });
    tf.dispose(r.outputs);
    expectNoLeakThenFree(before, feeds.data, store);
  });
});
