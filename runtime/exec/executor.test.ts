import { beforeAll, describe, expect, it } from 'vitest';
import { NetwrightError } from '../sdk/errors.ts';
import { firstNonFinite, forward, sinkOutputs, stepsFor } from './executor.ts';
import { tf } from './tf.ts';
import { classifierPlan } from '../../test/support/plans.ts';
import { miniPlan } from './testkit/miniPlan.ts';
import { testLowerings } from '../../test/support/fakePlugins/lower.ts';
import { testSpecs } from '../../test/support/fakePlugins/spec/index.ts';
import { indexLowerings } from './lowerings.ts';
import { createWeights } from './weights.ts';

const lowerings = indexLowerings(testLowerings);

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

function feedsFor(rows: number[][], labels: number[][]) {
  return { data: { x: tf.tensor2d(rows), y: tf.tensor2d(labels) } };
}

describe('forward', () => {
  it('computes the dense layers as the reference maths does, and leaks nothing', async () => {
    const plan = classifierPlan();
    const store = createWeights(plan, lowerings, 3);
    const feeds = feedsFor([[1, 2], [-1, 0.5], [0, 0]], [[1, 0], [0, 1], [1, 0]]);
    const before = tf.memory().numTensors;
    const r = forward(plan, lowerings, { weights: store.weights, state: store.state, feeds, training: false, step: 0, outputs: ['out:y', 'ce:loss'] });
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
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(feeds.data);
    store.dispose();
  });

  it('returns the sinks by default and runs only the steps the outputs need', () => {
    const plan = classifierPlan();
    expect(sinkOutputs(plan).sort()).toEqual(['acc:value', 'ce:loss']);
    expect(stepsFor(plan, ['h:y']).map((s) => s.node)).toEqual(['data', 'h']);
    const store = createWeights(plan, lowerings, 1);
    const feeds = { data: { x: tf.tensor2d([[1, 1]]) } };
    // Without labels only the hidden layer can run: asking for it must not touch the loss.
    const r = forward(plan, lowerings, { weights: store.weights, state: store.state, feeds, training: false, step: 0, outputs: ['h:y'] });
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
      forward(plan, lowerings, { weights: store.weights, state: store.state, feeds, training: false, step: 0 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NetwrightError);
    expect((err as NetwrightError).code).toBe('ENGINE_NODE_FAILED');
    expect((err as NetwrightError).message).toBe('node "mid" (t.boom) failed: kaboom');
    expect((err as NetwrightError).target.node).toBe('mid');
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(feeds.data);
    store.dispose();
  });

  it('names a data node without a batch and an output whose shape contradicts inference', () => {
    const plan = classifierPlan();
    const store = createWeights(plan, lowerings, 1);
    expect(() => forward(plan, lowerings, { weights: store.weights, state: store.state, feeds: {}, training: false, step: 0 })).toThrow(
      /data node "data" \(t\.blobs\) has no batch/,
    );
    const bad = { data: { x: tf.tensor2d([[1, 2, 3]]), y: tf.tensor2d([[1, 0]]) } };
    const before = tf.memory().numTensors;
    expect(() => forward(plan, lowerings, { weights: store.weights, state: store.state, feeds: bad, training: false, step: 0 })).toThrow(
      /node "data" \(t\.blobs\): output "x" is float32 \[1, 3\] but its spec inferred float32 \[\?, 2\]/,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(bad.data);
    store.dispose();
  });

  it('keeps a tensor that a pass-through node returned as is, until its last alias is done', async () => {
    const plan = miniPlan(testSpecs, [
      { id: 'data', type: 't.blobs' },
      { id: 'd', type: 't.dense', params: { units: 3 }, inputs: { x: 'data:x' } },
      { id: 'same', type: 't.identity', inputs: { x: 'd:y' } },
      { id: 'same2', type: 't.identity', inputs: { x: 'same:y' } },
      { id: 'e', type: 't.dense', params: { units: 2 }, inputs: { x: 'same2:y' } },
    ]);
    const store = createWeights(plan, lowerings, 1);
    const feeds = { data: { x: tf.tensor2d([[1, 2]]) } };
    const before = tf.memory().numTensors;
    const r = forward(plan, lowerings, { weights: store.weights, state: store.state, feeds, training: false, step: 0, outputs: ['e:y', 'same:y'] });
    expect(r.outputs['e:y']!.shape).toEqual([1, 2]);
    expect((await r.outputs['same:y']!.data()).length).toBe(3);
    tf.dispose(r.outputs);
    expect(tf.memory().numTensors).toBe(before);
    const identity = forward(plan, lowerings, { weights: store.weights, state: store.state, feeds, training: false, step: 0, outputs: ['data:x'] });
    expect(identity.outputs['data:x']).not.toBe(feeds.data.x);
    tf.dispose(identity.outputs);
    expect(feeds.data.x.isDisposed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(feeds.data);
    store.dispose();
  });

  it('with checkFinite, names the first node whose output is not finite (one async readback)', async () => {
    const plan = miniPlan(testSpecs, [
      { id: 'data', type: 't.blobs' },
      { id: 'd', type: 't.dense', params: { units: 3 }, inputs: { x: 'data:x' } },
      { id: 'root', type: 't.sqrt', inputs: { x: 'd:y' } },
      { id: 'root2', type: 't.sqrt', inputs: { x: 'root:y' } },
    ]);
    const store = createWeights(plan, lowerings, 1);
    const feeds = { data: { x: tf.tensor2d([[-5, -5], [5, 5]]), y: tf.tensor2d([[1, 0], [0, 1]]) } };
    const before = tf.memory().numTensors;
    const r = forward(plan, lowerings, { weights: store.weights, state: store.state, feeds, training: false, step: 0, checkFinite: true });
    expect(await firstNonFinite(r.finiteChecks ?? [])).toEqual({ node: 'root', type: 't.sqrt', port: 'y' });
    tf.dispose(r.outputs);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(feeds.data);
    store.dispose();
  });
});
