/**
 * Calls lowering hooks (beforeRun, transformGradients, afterStep, afterRun) with their context.
 * Each call runs inside `tf.tidy`, so a hook cannot leak tensors; an error names the node.
 * Lifecycle hooks read values back with `ctx.read`: the reads are awaited together after the
 * hooks ran and their continuations run, in order, before the trainer goes on.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { ParamDescriptors } from '../sdk/params.ts';
import type { ExecutionPlan, PlanStep } from '../compile/plan.ts';
import { HostReadQueue } from './hostReads.ts';
import type { AnyPluginLowering, HookContext, RunHistory, TensorMap } from '../lower/lowering.ts';
import type { RunMemoryStore } from '../lower/runMemory.ts';
import { tf } from './tf.ts';
import type { NodeDiagnostics } from './trainTypes.ts';
import { nodeFailure } from './lowerings.ts';
import type { WeightStore } from './weights.ts';

/** What hook contexts are built from; `step` and `runHistory` change as the run goes. */
export interface HookEnv {
  readonly plan: ExecutionPlan;
  readonly store: WeightStore;
  readonly totalSteps: number;
  readonly runHistory: RunHistory;
  /** Diagnostics of the current step; hooks add to them. */
  readonly diagnostics: NodeDiagnostics;
  /** Data saved by nodes, by node id. */
  readonly savedData: Record<string, Record<string, unknown>>;
  /** The nodes' memories for this run. */
  readonly memory: RunMemoryStore;
  resetOptimiser(): void;
}

/** A step with hooks, as the trainer keeps them. */
export interface HookedStep {
  readonly step: PlanStep;
  readonly lowering: AnyPluginLowering;
}

/**
 * The context of one hook call; `reads` collects its reads (undefined in `transformGradients`,
 * which runs inside the step and must stay on the device).
 */
function hookContext(env: HookEnv, step: PlanStep, stepIndex: number, hook: string, reads: HostReadQueue | undefined): HookContext<ParamDescriptors> {
  const steps = new Map(env.plan.steps.map((s) => [s.node, s]));
  const upstream: Record<string, string> = {};
  for (const [port, ref] of Object.entries(step.inputs)) upstream[port] = ref.node;
  return {
    nodeId: step.node,
    params: step.params,
    shapes: { outputs: step.outputs, weights: step.weights, state: step.state },
    data: { ...step.data, ...env.savedData[step.node] },
    step: stepIndex,
    totalSteps: env.totalSteps,
    upstream,
    weightsOf: (id) => env.store.weights[id] ?? (steps.has(id) ? {} : undefined),
    weightSpecsOf: (id) => steps.get(id)?.weights,
    typeOf: (id) => steps.get(id)?.type,
    state: env.store.state[step.node] ?? {},
    report(name, value) {
      (env.diagnostics[step.node] ??= {})[name] = typeof value === 'number' ? value : [...value];
    },
    saveData(data) {
      env.savedData[step.node] = { ...env.savedData[step.node], ...data };
    },
    resetOptimiser: () => {
      env.resetOptimiser();
    },
    runHistory: env.runHistory,
    runMemory: env.memory.forNode(step.node),
    read(tensors, then) {
      if (!reads) throw new Error(`${hook} cannot read values back (it runs inside the training step); read them in afterStep`);
      reads.read(tensors, then, (e) => nodeFailure(step, hook, e));
    },
  };
}

/** Calls one lifecycle hook on every hooked step, in plan order, then settles their reads. */
export async function callHooks(
  hooked: readonly HookedStep[],
  env: HookEnv,
  which: 'beforeRun' | 'afterStep' | 'afterRun',
  stepIndex: number,
): Promise<void> {
  const reads = new HostReadQueue();
  try {
    for (const { step, lowering } of hooked) {
      const hooks = lowering.hooks;
      if (!hooks?.[which]) continue;
      // Called as methods so that hooks written as methods keep their `this`.
      const hook = (c: HookContext<ParamDescriptors>): void => hooks[which]?.(c);
      const ctx = hookContext(env, step, stepIndex, which, reads);
      try {
        tf.tidy(() => {
          hook(ctx);
        });
      } catch (e) {
        throw nodeFailure(step, which, e);
      }
    }
  } catch (e) {
    reads.dispose();
    throw e;
  }
  await reads.settle();
}

/**
 * Passes the gradients through every `transformGradients` hook in plan order. Tensors a hook
 * replaced are disposed; the returned map is owned by the caller.
 */
export function transformGradients(hooked: readonly HookedStep[], env: HookEnv, grads: TensorMap, stepIndex: number): TensorMap {
  let current = grads;
  for (const { step, lowering } of hooked) {
    const hooks = lowering.hooks;
    if (!hooks?.transformGradients) continue;
    const ctx = hookContext(env, step, stepIndex, 'transformGradients', undefined);
    let next: TensorMap;
    try {
      next = tf.tidy(() => hooks.transformGradients!(current, ctx));
    } catch (e) {
      if (current !== grads) for (const t of Object.values(current)) t.dispose();
      throw nodeFailure(step, 'transformGradients', e);
    }
    const kept = new Set<tfc.Tensor>(Object.values(next));
    for (const t of Object.values(current)) if (!kept.has(t)) t.dispose();
    current = next;
  }
  return current;
}
