import { describe, expect, it } from 'vitest';
import type * as tfc from '@tensorflow/tfjs-core';
import { createRunMemory, HostReadQueue, type HookContext, type RunHistory } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { resolveParams, tensorValue, type ParamValues } from '../../runtime/sdk/index.ts';
import { inferNode } from '../_shared/plugin.testkit.ts';
import { useBackend } from '../paper.testkit.ts';
import { quadraticDenseSpec } from '../quadratic/spec.ts';
import { prunableWeights } from './prune.ts';
import { apMaskLowering } from './lower.ts';
import { apMaskSpec } from './spec.ts';

type Params = ParamValues<typeof apMaskSpec.params>;
type Ctx = HookContext<typeof apMaskSpec.params>;

function params(over: Record<string, unknown>): Params {
  const r = resolveParams(apMaskSpec.params, { cycleSteps: 3, numCycles: 2, ...over });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.values;
}

interface Layer {
  kernel: tfc.Variable;
  bias: tfc.Variable;
}

interface Harness {
  ctx: (step: number) => Ctx;
  weights: { d1: Layer; d2: Layer };
  reports: Record<string, number | readonly number[]>[];
  resets: { n: number };
  /** Runs the reads the hooks asked for, as the trainer does after each hook call. */
  settle(): Promise<void>;
  dispose(): void;
}

function harness(p: Params): Harness {
  const weights: Harness['weights'] = {
    d1: {
      kernel: tf.variable(tf.tensor2d([0.5, -0.1, 0.3, -0.7, 0.2, -0.05], [3, 2])),
      bias: tf.variable(tf.tensor1d([0.1, 0.2])),
    },
    d2: { kernel: tf.variable(tf.tensor2d([0.9, -0.4], [2, 1])), bias: tf.variable(tf.tensor1d([0])) },
  };
  const state = {
    deadCounts: tf.variable(tf.zeros([8]), false),
    totalCounts: tf.variable(tf.zeros([8]), false),
  };
  const reports: Record<string, number | readonly number[]>[] = [];
  const resets = { n: 0 };
  const history: RunHistory = { gradNorms: [] };
  const memory = createRunMemory();
  const reads = new HostReadQueue();
  return {
    weights,
    reports,
    resets,
    settle: () => reads.settle(),
    ctx: (step) => {
      const rep: Record<string, number | readonly number[]> = {};
      reports[step] = rep;
      return {
        nodeId: 'ap',
        params: p,
        shapes: { outputs: {} },
        data: {},
        step,
        totalSteps: 20,
        upstream: { z0: 'd1', p0: 'd2' },
        weightsOf: (id) => ({ ...weights[id as keyof typeof weights] }),
        weightSpecsOf: () => ({}),
        typeOf: () => 'dense',
        state,
        report: (name, v) => {
          rep[name] = v;
        },
        saveData: () => undefined,
        resetOptimiser: () => {
          resets.n += 1;
        },
        runHistory: history,
        runMemory: memory.forNode('ap'),
        read: (tensors, then) => {
          reads.read(tensors, then);
        },
      };
    },
    dispose: () => {
      reads.dispose();
      memory.dispose();
      tf.dispose([
        weights.d1.kernel,
        weights.d1.bias,
        weights.d2.kernel,
        weights.d2.bias,
        state.deadCounts,
        state.totalCounts,
      ]);
    },
  };
}

const values = (t: tfc.Tensor): number[] => Array.from(t.dataSync());

/** A fake optimiser step: every weight moves by -0.01 (pruned entries too, unless masked). */
function fakeUpdate(h: Harness, grads: Record<string, tfc.Tensor>): void {
  for (const [key, g] of Object.entries(grads)) {
    const [node, name] = key.split('/') as [keyof Harness['weights'], keyof Layer];
    const v = h.weights[node][name];
    tf.tidy(() => {
      v.assign(tf.sub(v, tf.mul(g, 0.01)));
    });
  }
}

describe('apmask hooks', () => {
  it('prunes after each cycle, keeps pruned weights at zero through updates, rewinds to init and resets the optimiser', async () => {
    await useBackend('cpu');
    const h = harness(params({ pruneRate: 50, apRate: 0 }));
    const hooks = apMaskLowering.hooks!;
    const base = tf.memory().numTensors;
    tf.tidy(() => {
      hooks.beforeRun!(h.ctx(0));
    });
    await h.settle();
    const init1 = values(h.weights.d1.kernel);
    for (let step = 1; step <= 7; step++) {
      const grads = {
        'd1/kernel': tf.onesLike(h.weights.d1.kernel),
        'd2/kernel': tf.onesLike(h.weights.d2.kernel),
        'd1/bias': tf.onesLike(h.weights.d1.bias),
      };
      const masked = tf.tidy(() => hooks.transformGradients!(grads, h.ctx(step)));
      fakeUpdate(h, masked);
      tf.dispose([...Object.values(grads), ...Object.values(masked)]);
      tf.tidy(() => {
        hooks.afterStep!(h.ctx(step));
      });
      await h.settle();
      if (step === 4) {
        // event 1 after step 4 (cycle end at 3): global 50% of 8 alive -> 4 smallest |W| removed
        const k1 = values(h.weights.d1.kernel);
        const k2 = values(h.weights.d2.kernel);
        expect([...k1, ...k2].filter((v) => v === 0).length).toBe(4);
        // rewind 'init': the survivors are back at their initial values
        k1.forEach((v, i) => {
          expect(v === 0 || Math.abs(v - init1[i]!) < 1e-7).toBe(true);
        });
        expect(values(h.weights.d1.bias)).toEqual(Array.from(Float32Array.from([0.1, 0.2])));
        expect(h.resets.n).toBe(1);
        expect(h.reports[4]!.sparsity).toBe(0.5);
        expect(h.reports[4]!.prunedByBase).toBe(4);
      }
    }
    // after more masked updates, pruned entries stay exactly zero; event 2 happened after step 7
    const all = [...values(h.weights.d1.kernel), ...values(h.weights.d2.kernel)];
    expect(all.filter((v) => v === 0).length).toBe(6);
    expect(h.resets.n).toBe(2);
    expect(h.reports[6]!.sparsity).toBe(0.5);
    tf.tidy(() => {
      hooks.afterRun!(h.ctx(7));
    });
    await h.settle();
    expect(h.reports[7]!.sparsity).toBe(0.75);
    expect(tf.memory().numTensors).toBe(base);
    h.dispose();
  });

  it('reports the dynamic DNR of each window from the counters apply accumulates', async () => {
    await useBackend('cpu');
    const p = params({ dnrWindowSteps: 2, cycleSteps: 100 });
    const h = harness(p);
    const hooks = apMaskLowering.hooks!;
    tf.tidy(() => {
      hooks.beforeRun!(h.ctx(0));
    });
    await h.settle();
    const zBatches = [tf.tensor2d([1, -1, 0, 2], [2, 2]), tf.tensor2d([-3, -1, 4, -2], [2, 2])];
    for (let step = 1; step <= 2; step++) {
      const c = h.ctx(step);
      tf.tidy(() =>
        apMaskLowering.apply!(
          { z0: zBatches[step - 1]! },
          { ...c, weights: {}, training: true, rng: undefined as never, report: () => undefined },
        ),
      );
      tf.tidy(() => {
        hooks.afterStep!(c);
      });
      await h.settle();
    }
    // dead: step 1 {-1, 0} = 2 of 4, step 2 {-3, -1, -2} = 3 of 4 -> 5/8
    expect(h.reports[2]!.dnr).toBe(5 / 8);
    expect(h.reports[2]!.dnrLayers).toEqual([5 / 8]);
    expect(h.reports[1]!.dnr).toBeUndefined();
    tf.tidy(() => {
      hooks.afterRun!(h.ctx(2));
    });
    await h.settle();
    tf.dispose(zBatches);
    h.dispose();
  });

  it('names the port and the node when an input does not come from a layer with a kernel', async () => {
    await useBackend('cpu');
    const h = harness(params({}));
    const bad = { ...h.ctx(0), upstream: { z0: 'relu1' }, weightsOf: () => ({}), typeOf: () => 'activation' };
    expect(() => {
      apMaskLowering.hooks!.beforeRun!(bad);
    }).toThrow(/input "z0" comes from node "relu1" \(activation\), which has no kernel/);
    h.dispose();
  });

  it('prunes the weights a spec marks prunable (quadratic: wr), else kernel, else trainable rank >= 2', async () => {
    await useBackend('cpu');
    const specs = inferNode(quadraticDenseSpec, { units: 2 }, { x: tensorValue([null, 3]) }).weights!;
    const vars = Object.fromEntries(Object.entries(specs).map(([n, w]) => [n, tf.variable(tf.zeros([...w.shape]))]));
    expect(prunableWeights(vars, specs)).toEqual(['wr']);
    expect(prunableWeights(vars)).toEqual(['wr', 'wg', 'wb']);
    expect(prunableWeights(vars, { wg: { ...specs.wg!, prunable: false } })).toEqual(['wr', 'wb']);
    tf.dispose(Object.values(vars));
  });
});
