/**
 * The AP mask's trainer hooks (spec §3–§4). In the node's run memory it keeps one mask per
 * managed kernel, the initial weights of the managed layers (for rewinding) and the cycle-start
 * kernels. Gradients are masked before the update and kernels re-masked after it, so pruned
 * entries stay exactly zero whatever the optimiser does.
 *
 * Timing: the kernels of a cycle are snapshotted after its last step (step k·cycleSteps),
 * and the pruning event itself runs after the next step. That way an evaluation at step
 * k·cycleSteps (evalEvery = cycleSteps) measures the trained network at its sparsity, not
 * the rewound one; with `rewind` 'init' or 'reinit' the extra step is discarded anyway.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { createRng } from '../../runtime/lower/rng.ts';
import type { HookContext, LoweringHooks } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { NetwrightError } from '../../runtime/sdk/index.ts';
import { dnrOf, prunableWeights, pruneEvent } from './prune.ts';
import { P_PORTS, Z_PORTS, type apMaskSpec } from './spec.ts';

type Ctx = HookContext<typeof apMaskSpec.params>;

interface Managed {
  readonly node: string;
  readonly name: string;
  /** Gradient key `node/weight`. */
  readonly key: string;
  readonly kernel: tfc.Variable;
  mask: tfc.Tensor;
  /** W_start: the masked kernel at the start of the current cycle. */
  start: tfc.Tensor;
}

/** The node's memory for one run (`ctx.runMemory`), filled by beforeRun. */
interface ApRun {
  /** Whether beforeRun has run (the hooks do nothing otherwise). */
  started: boolean;
  managed: Managed[];
  /** Every weight of every managed layer at the start of the run, by `node/weight`. */
  readonly initial: Map<string, tfc.Tensor>;
  events: number;
  /** W_end of the cycle that just ended, waiting for the pruning event. */
  pendingEnd: tfc.Tensor[] | undefined;
  /** Frees masks and snapshots (the kernels belong to the trainer). */
  dispose(): void;
}

function emptyRun(): ApRun {
  return {
    started: false,
    managed: [],
    initial: new Map(),
    events: 0,
    pendingEnd: undefined,
    dispose() {
      for (const m of this.managed) tf.dispose([m.mask, m.start]);
      tf.dispose([...this.initial.values(), ...(this.pendingEnd ?? [])]);
      this.managed = [];
      this.initial.clear();
      this.pendingEnd = undefined;
    },
  };
}

function findManaged(ctx: Ctx): Managed[] {
  const out: Managed[] = [];
  const seen = new Set<string>();
  for (const port of [...Z_PORTS, ...P_PORTS]) {
    const up = ctx.upstream[port];
    if (up === undefined) continue;
    const weights = ctx.weightsOf(up) ?? {};
    const names = prunableWeights(weights, ctx.weightSpecsOf(up));
    if (names.length === 0) {
      throw new NetwrightError(
        'APMASK_NO_KERNEL',
        `apmask node "${ctx.nodeId}": input "${port}" comes from node "${up}" (${ctx.typeOf(up) ?? 'unknown'}), which has no kernel to prune; wire the output of the dense or conv layer itself (activation none) into "${port}"`,
        { node: ctx.nodeId, port },
      );
    }
    for (const name of names) {
      const key = `${up}/${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const kernel = weights[name]!;
      // a continued run keeps the zeros of earlier pruning as its starting mask
      const mask = tf.keep(tf.cast(tf.notEqual(kernel, 0), 'float32'));
      out.push({ node: up, name, key, kernel, mask, start: tf.keep(tf.mul(kernel, mask)) });
    }
  }
  return out;
}

function resetCounters(ctx: Ctx): void {
  for (const name of ['deadCounts', 'totalCounts']) {
    const v = ctx.state[name];
    if (v) v.assign(tf.zerosLike(v));
  }
}

/** Reports the share of managed weights that are pruned (read back asynchronously). */
function reportSparsity(run: ApRun, ctx: Ctx): void {
  const total = run.managed.reduce((n, m) => n + m.mask.size, 0);
  if (total === 0) {
    ctx.report('sparsity', 0);
    return;
  }
  ctx.read([tf.addN(run.managed.map((m) => tf.sum(m.mask)))], ([alive]) => {
    ctx.report('sparsity', 1 - alive![0]! / total);
  });
}

/** Reports the dynamic DNR of the window that just ended and restarts it. */
function reportWindow(ctx: Ctx): void {
  const { deadCounts, totalCounts } = ctx.state;
  if (!deadCounts || !totalCounts) return;
  ctx.read([deadCounts, totalCounts], ([dead, total]) => {
    const counts = Z_PORTS.map((_, i) => ({ dead: dead![i]!, total: total![i]! })).filter((c) => c.total > 0);
    if (counts.length === 0) return;
    const { perLayer, overall } = dnrOf(counts);
    ctx.report('dnr', overall);
    ctx.report('dnrLayers', perLayer);
    resetCounters(ctx);
  });
}

/** A random permutation of the initial values: a fresh draw from the same distribution. */
function reinitValues(values: ArrayLike<number>, shape: readonly number[], seed: number): tfc.Tensor {
  const rng = createRng(seed);
  const out = Float32Array.from(values);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return tf.tensor(out, [...shape]);
}

/** Rewinds the managed layers; `initialValues` are the managed kernels' initial values (for `reinit`). */
function rewind(run: ApRun, ctx: Ctx, initialValues: readonly ArrayLike<number>[]): void {
  const mode = ctx.params.rewind;
  if (mode !== 'none') {
    const nodes = new Set(run.managed.map((m) => m.node));
    for (const node of nodes) {
      for (const [name, v] of Object.entries(ctx.weightsOf(node) ?? {})) {
        const init = run.initial.get(`${node}/${name}`);
        if (init) v.assign(init);
      }
    }
  }
  run.managed.forEach((m, i) => {
    const base = mode === 'reinit' ? reinitValues(initialValues[i]!, m.kernel.shape, (run.events + 1) * 7919 + i) : m.kernel;
    m.kernel.assign(tf.mul(base, m.mask));
  });
}

/**
 * The pruning event: reads W_end, W_start and the masks (and, for `reinit`, the initial
 * kernels) back, then prunes, rewinds and starts the next cycle before the next step.
 */
function pruneNow(run: ApRun, ctx: Ctx, ends: readonly tfc.Tensor[]): void {
  const n = run.managed.length;
  const initials = ctx.params.rewind === 'reinit' ? run.managed.map((m) => run.initial.get(m.key)!) : [];
  ctx.read([...ends, ...run.managed.map((m) => m.start), ...run.managed.map((m) => m.mask), ...initials], (values) => {
    const res = pruneEvent(
      run.managed.map((_, i) => ({ kernel: values[i]!, start: values[n + i]!, mask: values[2 * n + i]! })),
      { pruneRate: ctx.params.pruneRate, apRate: ctx.params.apRate, scope: ctx.params.scope },
    );
    run.managed.forEach((m, i) => {
      m.mask.dispose();
      m.mask = tf.keep(tf.tensor(Float32Array.from(res.masks[i]!), m.kernel.shape));
    });
    rewind(run, ctx, values.slice(3 * n));
    for (const m of run.managed) {
      m.start.dispose();
      m.start = tf.keep(tf.mul(m.kernel, m.mask));
    }
    if (ctx.params.resetOptimizerEachCycle) ctx.resetOptimiser();
    run.events += 1;
    // this step ran on the network before the event: its dead counts belong to no window
    resetCounters(ctx);
    ctx.report('pruneEvent', run.events);
    ctx.report('prunedByBase', res.prunedByBase.length);
    ctx.report('prunedByAP', res.prunedByAP.length);
    reportSparsity(run, ctx);
  });
}

/** The hooks of `apmask`. */
export const apHooks: LoweringHooks<typeof apMaskSpec.params> = {
  beforeRun(ctx) {
    const run = ctx.runMemory(emptyRun);
    run.started = true;
    run.managed = findManaged(ctx);
    for (const node of new Set(run.managed.map((m) => m.node))) {
      for (const [name, v] of Object.entries(ctx.weightsOf(node) ?? {})) run.initial.set(`${node}/${name}`, tf.keep(v.clone()));
    }
    resetCounters(ctx);
  },
  transformGradients(grads, ctx) {
    const run = ctx.runMemory(emptyRun);
    if (!run.started) return grads;
    const out = { ...grads };
    for (const m of run.managed) {
      const g = grads[m.key];
      if (g) out[m.key] = tf.mul(g, m.mask);
    }
    return out;
  },
  afterStep(ctx) {
    const run = ctx.runMemory(emptyRun);
    if (!run.started) return;
    for (const m of run.managed) m.kernel.assign(tf.mul(m.kernel, m.mask));
    const { cycleSteps, numCycles, dnrWindowSteps } = ctx.params;
    if (ctx.step % (dnrWindowSteps > 0 ? dnrWindowSteps : cycleSteps) === 0) reportWindow(ctx);
    if (run.pendingEnd) {
      const ends = run.pendingEnd;
      run.pendingEnd = undefined;
      try {
        pruneNow(run, ctx, ends);
      } finally {
        tf.dispose(ends);
      }
    } else if (ctx.step % cycleSteps === 0) {
      reportSparsity(run, ctx);
      if (run.events < numCycles) run.pendingEnd = run.managed.map((m) => tf.keep(m.kernel.clone()));
    }
  },
  afterRun(ctx) {
    const run = ctx.runMemory(emptyRun);
    if (run.started) reportSparsity(run, ctx);
    run.dispose();
  },
};
