/**
 * The time profile of a real example graph (two-spirals-mlp.graph.json: data, three dense
 * layers, loss, accuracy, schedule, optimiser) on wasm: a row per node, the layers timed and
 * their kernels counted against tfjs's own profile of the same forward, no tensors left behind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinLowerings } from '../../plugins/lowerings.ts';
import type { ExecutionPlan } from '../../runtime/compile/plan.ts';
import { selectBackend } from '../../runtime/exec/backends.ts';
import { disposeReports } from '../../runtime/exec/executor.ts';
import { indexLowerings } from '../../runtime/exec/lowerings.ts';
import { profilePlan } from '../../runtime/exec/profile.ts';
import { buildSources } from '../../runtime/exec/runSetup.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { createWeights } from '../../runtime/exec/weights.ts';
import { compileExampleGraph } from '../support/exampleGraphs.ts';
import { trainingForward } from '../support/trainingForward.ts';

const lowerings = indexLowerings(builtinLowerings);
let plan: ExecutionPlan;

beforeAll(async () => {
  plan = await compileExampleGraph('two-spirals-mlp.graph.json');
  expect((await selectBackend('wasm')).name).toBe('wasm');
});

/** Kernels of one training-mode forward of the plan to its loss and metrics (tfjs's profiler). */
async function forwardKernels(): Promise<number> {
  const store = createWeights(plan, lowerings, 0);
  const sources = buildSources(plan, lowerings, 0);
  const feeds = Object.fromEntries([...sources].map(([node, s]) => [node, s.batch('train', 0, 32)]));
  try {
    const info = await tf.profile(() => {
      const r = trainingForward(plan, lowerings, store, feeds, ['loss:loss', 'acc:value']);
      tf.dispose(r.outputs);
      disposeReports(r.reports);
    });
    return info.kernels.length;
  } finally {
    for (const f of Object.values(feeds)) tf.dispose(f);
    for (const s of sources.values()) s.dispose();
    store.dispose();
  }
}

describe('profile of two-spirals-mlp.graph.json on wasm', () => {
  it('has one row per node with times and kernels that add up, and leaves no tensors', async () => {
    const before = tf.memory().numTensors;
    const p = await profilePlan(plan, lowerings, { steps: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(p.nodes.map((n) => n.node).sort()).toEqual(plan.steps.map((s) => s.node).sort());
    for (const n of p.nodes) {
      for (const v of [n.forwardMs, n.backwardMs, n.updateMs, n.share]) expect(v).toBeGreaterThanOrEqual(0);
    }
    const dense = p.nodes.filter((n) => n.type === 'dense');
    expect(dense.map((n) => n.node).sort()).toEqual(['h1', 'h2', 'logits']);
    for (const n of dense) {
      expect(n.forwardMs).toBeGreaterThan(0);
      expect(n.backwardMs).toBeGreaterThan(0);
    }
    expect(p.nodes.find((n) => n.role === 'optimiser')!.updateMs).toBeGreaterThan(0);
    const forwardSum = p.nodes.filter((n) => n.role !== 'data').reduce((a, n) => a + n.kernels!.forward, 0);
    expect(forwardSum).toBe(await forwardKernels());
    expect(p.kernelsPerStep).toBeGreaterThan(forwardSum);
    expect(p.kernels!.map((k) => k.name)).toContain('BatchMatMul');
  });
});
