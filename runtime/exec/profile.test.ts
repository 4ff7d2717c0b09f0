import { beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionPlan } from '../compile/plan.ts';
import { classifierPlan } from '../../test/support/plans.ts';
import { testLowerings } from '../../test/support/fakePlugins/lower.ts';
import { trainingForward } from '../../test/support/trainingForward.ts';
import { indexLowerings } from './lowerings.ts';
import { profilePlan } from './profile.ts';
import { regionClock } from './profileClock.ts';
import { captureForward, measureNodes } from './profileNodes.ts';
import { median, profileReport } from './profileReport.ts';
import { buildSources } from './runSetup.ts';
import { tf } from './tf.ts';
import { createWeights } from './weights.ts';

const lowerings = indexLowerings(testLowerings);

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** Gradients of one step computed node by node, and by the tape over the whole forward. */
async function bothGradients(
  plan: ExecutionPlan,
): Promise<{ nodeByNode: Record<string, number[]>; tape: Record<string, number[]> }> {
  const store = createWeights(plan, lowerings, 3);
  const sources = buildSources(plan, lowerings, 3);
  const feeds = { data: sources.get('data')!.batch('train', 0, 16) };
  try {
    const captured = captureForward({ plan, lowerings, store, seed: 3 }, feeds, 1, ['ce:loss']);
    const measured = await measureNodes(captured, {
      plan,
      store,
      seed: 3,
      clock: await regionClock(() => undefined),
      lossKey: 'ce:loss',
      countKernels: false,
    });
    captured.dispose();
    const trainable = [...store.byKey].filter(([, v]) => v.trainable);
    const { value, grads } = tf.variableGrads(
      () => {
        const r = trainingForward(plan, lowerings, store, feeds, ['ce:loss'], 3);
        return r.outputs['ce:loss'] as tf.Scalar;
      },
      trainable.map(([, v]) => v),
    );
    value.dispose();
    const read = async (
      m: Record<string, tf.Tensor>,
      key: (k: string) => string,
    ): Promise<Record<string, number[]>> => {
      const out: Record<string, number[]> = {};
      for (const [k, t] of Object.entries(m)) out[key(k)] = [...(await t.data())];
      return out;
    };
    const byName = new Map(trainable.map(([k, v]) => [v.name, k]));
    const out = {
      nodeByNode: await read(measured.grads, (k) => k),
      tape: await read(grads, (k) => byName.get(k) ?? k),
    };
    tf.dispose(Object.values(measured.grads));
    tf.dispose(Object.values(grads));
    return out;
  } finally {
    tf.dispose(Object.values(feeds.data));
    for (const s of sources.values()) s.dispose();
    store.dispose();
  }
}

describe('profilePlan', () => {
  it('gives every node a row, times the layers, counts kernels and leaves no tensors', async () => {
    const plan = classifierPlan({ between: 't.identity' });
    const before = tf.memory().numTensors;
    const p = await profilePlan(plan, lowerings, { steps: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(p).toMatchObject({ backend: 'wasm', clock: 'wall', steps: 3 });
    expect(p.warmupSteps).toBeGreaterThanOrEqual(1);
    expect(p.nodes.map((n) => n.node).sort()).toEqual(plan.steps.map((s) => s.node).sort());
    for (const n of p.nodes) {
      expect(n.forwardMs).toBeGreaterThanOrEqual(0);
      expect(n.backwardMs).toBeGreaterThanOrEqual(0);
      expect(n.totalMs).toBeCloseTo(n.forwardMs + n.backwardMs + n.updateMs, 9);
    }
    const row = (id: string) => p.nodes.find((n) => n.node === id)!;
    expect(row('h').forwardMs).toBeGreaterThan(0);
    expect(row('h').backwardMs).toBeGreaterThan(0);
    expect(row('h').kernels!.forward).toBeGreaterThan(0);
    expect(row('acc').backwardMs).toBe(0);
    expect(row('opt').updateMs).toBeGreaterThan(0);
    expect(row('opt').kernels!.update).toBeGreaterThan(0);
    expect(row('mid').kernels).toEqual({ forward: 0, backward: 0, update: 0 });
    expect(p.stepMs).toBeGreaterThan(0);
    expect(p.nodes.map((n) => n.totalMs)).toEqual([...p.nodes.map((n) => n.totalMs)].sort((a, b) => b - a));
    expect(p.kernels!.length).toBeGreaterThan(0);
    expect(p.kernels!.reduce((a, k) => a + k.perStep, 0)).toBeCloseTo(p.kernelsPerStep!, 9);
  });

  it('names the node whose lowering throws, and leaves no tensors', async () => {
    const before = tf.memory().numTensors;
    await expect(profilePlan(classifierPlan({ between: 't.boom' }), lowerings, { steps: 1 })).rejects.toThrow(
      /node "mid" \(t\.boom\) failed/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops early when asked', async () => {
    let calls = 0;
    const p = await profilePlan(classifierPlan(), lowerings, { steps: 5, shouldStop: () => ++calls > 2 });
    expect(p.steps).toBe(2);
  });
});

describe('measureNodes', () => {
  it('gives the weights the gradients the tape gives the whole forward (pass-through included)', async () => {
    const before = tf.memory().numTensors;
    const { nodeByNode, tape } = await bothGradients(classifierPlan({ between: 't.identity' }));
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(nodeByNode).sort()).toEqual(Object.keys(tape).sort());
    for (const [k, g] of Object.entries(tape)) {
      const mine = nodeByNode[k]!;
      g.forEach((v, i) => {
        expect(mine[i]).toBeCloseTo(v, 5);
      });
    }
  });
});

describe('profileReport', () => {
  it('takes medians, shares of the step and a kernel table per step', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
    const plan = classifierPlan();
    const nodes = new Map([
      ['h', { forwardMs: [1, 2, 3], backwardMs: [2, 2, 2], updateMs: [] }],
      [
        'opt',
        {
          forwardMs: [],
          backwardMs: [],
          updateMs: [1, 1, 1],
          kernels: { forward: 0, backward: 0, update: 4 },
        },
      ],
    ]);
    const kernelSteps = [
      [
        { name: 'MatMul', kernelTimeMs: 2 },
        { name: 'Add', kernelTimeMs: 1 },
      ],
      [
        { name: 'MatMul', kernelTimeMs: 4 },
        { name: 'Add', kernelTimeMs: { error: 'no timer' } },
      ],
    ];
    const r = profileReport(plan, {
      backend: 'wasm',
      clock: 'wall',
      batchSize: 16,
      warmupSteps: 1,
      stepMs: [10, 8, 12],
      nodes,
      kernelSteps,
    });
    expect(r.stepMs).toBe(10);
    expect(r.nodes[0]).toMatchObject({ node: 'h', forwardMs: 2, backwardMs: 2, totalMs: 4, share: 0.4 });
    expect(r.nodes[1]).toMatchObject({ node: 'opt', updateMs: 1, share: 0.1, kernels: { update: 4 } });
    expect(r.nodes.find((n) => n.node === 'ce')).toMatchObject({
      totalMs: 0,
      kernels: { forward: 0, backward: 0, update: 0 },
    });
    expect(r.totals).toEqual({ forwardMs: 2, backwardMs: 2, updateMs: 1, otherMs: 5 });
    expect(r.kernels).toEqual([
      { name: 'MatMul', perStep: 1, msPerStep: 3, share: 6 / 7 },
      { name: 'Add', perStep: 1, msPerStep: 0.5, share: 1 / 7 },
    ]);
    expect(r.kernelsPerStep).toBe(2);
  });
});
