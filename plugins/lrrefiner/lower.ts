/**
 * LR refiner, executable half. `schedule` builds the run's learning rates before the first
 * step (linear decay, or the refinement of the previous run's gradient norms) and saves the
 * schedule and the norms it came from in the node's data; `afterRun` saves the finished
 * run's norms so the next run (in this session or after reopening the file) refines from
 * them. `apply` is the same computation as a pure tensor function, for fixtures.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering, type HookContext, type ScheduleContext } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { NetwrightError, type ParamValues } from '../../runtime/sdk/index.ts';
import { cleanNorms, linearDecay, refineSchedule } from './refine.ts';
import { lrRefinerSpec } from './spec.ts';

type Params = ParamValues<typeof lrRefinerSpec.params>;

/**
 * Norms and schedules are saved with 7 significant digits, and every refinement starts from
 * that rounded form, so the schedule computed in the session and the one recomputed from a
 * reopened file are identical.
 */
export function canonicalNorms(values: ArrayLike<number>): number[] {
  return Array.from(values)
    .filter((v) => Number.isFinite(v))
    .map((v) => Number(v.toPrecision(7)));
}

/** The normalised schedule (peak 1) for a run of `length` steps, from norms or by linear decay. */
export function scheduleFor(p: Params, length: number, norms: readonly number[] | undefined): Float64Array {
  if (norms) return refineSchedule(cleanNorms(norms), { tau: p.tau, norm: p.norm, newT: length }).schedule;
  return linearDecay(length, p.warmupSteps);
}

/** What the node saves in the graph file (`GraphNode.data`). */
export interface RefinerData {
  /** Which norm `gradNorms` holds. */
  readonly normKind: 'l2' | 'l1';
  /** Per-step gradient norms of the last finished run: the next run refines from these. */
  readonly gradNorms: number[];
  /** The learning rates the last run used. */
  readonly schedule: number[];
  /** The norms that `schedule` was refined from; null when it was the linear-decay default. */
  readonly scheduleFrom: number[] | null;
}

/** The saved norms to refine from, when they were recorded with the same norm kind. */
function savedNorms(data: Readonly<Record<string, unknown>>, norm: Params['norm']): number[] | undefined {
  const g = data.gradNorms;
  if (data.normKind !== norm || !Array.isArray(g)) return undefined;
  const nums = g.filter((v): v is number => typeof v === 'number');
  return nums.length >= 2 ? nums : undefined;
}

/** What a run keeps (`ctx.runMemory`): the schedule it uses, saved again in afterRun, and its ℓ1 norms. */
interface RefinerMemory {
  schedule: number[];
  from: number[] | null;
  /** ℓ1 gradient norms, one per step, kept on the device and read once in afterRun. */
  l1: tfc.Scalar[];
  dispose(): void;
}

function newMemory(): RefinerMemory {
  return {
    schedule: [],
    from: null,
    l1: [],
    dispose() {
      tf.dispose(this.l1);
      this.l1 = [];
    },
  };
}

function buildSchedule(ctx: ScheduleContext<typeof lrRefinerSpec.params>): Float32Array {
  const p = ctx.params;
  const total = ctx.totalSteps;
  if (p.newT !== 0 && p.newT !== total) {
    throw new NetwrightError(
      'LRREFINER_LENGTH',
      `lrrefiner node "${ctx.nodeId}": newT is ${p.newT} but the run has ${total} steps; set newT to 0 (follow the run) or to ${total}`,
      { node: ctx.nodeId, param: 'newT' },
    );
  }
  const fromHistory = p.norm === 'l2' && ctx.history && ctx.history.gradNorms.length >= 2 ? ctx.history.gradNorms : undefined;
  const source = fromHistory ? canonicalNorms(fromHistory) : savedNorms(ctx.data, p.norm);
  const lr = Array.from(scheduleFor(p, total, source), (s) => s * p.peakLr);
  const mem = ctx.runMemory(newMemory);
  mem.schedule = canonicalNorms(lr);
  mem.from = source ?? null;
  const data: RefinerData = {
    normKind: p.norm,
    gradNorms: source ?? [],
    schedule: mem.schedule,
    scheduleFrom: mem.from,
  };
  ctx.saveData({ ...data });
  return Float32Array.from(lr);
}

function afterRun(ctx: HookContext<typeof lrRefinerSpec.params>): void {
  const mem = ctx.runMemory(newMemory);
  const save = (norms: number[]): void => {
    const data: RefinerData = { normKind: ctx.params.norm, gradNorms: norms, schedule: mem.schedule, scheduleFrom: mem.from };
    ctx.saveData({ ...data });
  };
  if (ctx.params.norm === 'l2') {
    save(canonicalNorms(ctx.runHistory.gradNorms));
    return;
  }
  // One asynchronous read of every step's ℓ1 norm (GPU backends must not read synchronously).
  const perStep = mem.l1.length > 0 ? tf.stack(mem.l1) : undefined;
  mem.dispose();
  if (!perStep) {
    save(canonicalNorms([]));
    return;
  }
  ctx.read([perStep], ([values]) => {
    save(canonicalNorms(Array.from(values!)));
  });
}

/** Lowering of `lrrefiner`. */
export const lrRefinerLowering = defineLowering(lrRefinerSpec, {
  id: lrRefinerSpec.id,
  schedule: buildSchedule,
  apply(inputs, ctx) {
    const p = ctx.params;
    const g = inputs.gradNorms;
    let schedule: Float64Array;
    if (g) {
      // eslint-disable-next-line no-restricted-properties -- apply of a schedule node runs for fixtures and plugin-check only; training uses `schedule`
      const norms = cleanNorms(g.dataSync());
      schedule = refineSchedule(norms, { tau: p.tau, norm: p.norm, newT: p.newT === 0 ? norms.length : p.newT }).schedule;
    } else {
      if (p.newT < 2) throw new Error(`lrrefiner node "${ctx.nodeId}": without gradNorms, newT (the schedule length) must be >= 2`);
      schedule = linearDecay(p.newT, p.warmupSteps);
    }
    return {
      schedule: tf.tensor1d(Float32Array.from(schedule)),
      lr: tf.tensor1d(Float32Array.from(schedule, (s) => s * p.peakLr)),
    };
  },
  hooks: {
    transformGradients(grads, ctx) {
      // ℓ1 norm of the raw gradient, kept on the device and read once in afterRun
      if (ctx.params.norm === 'l1') {
        const list = Object.values(grads);
        if (list.length > 0) {
          ctx.runMemory(newMemory).l1.push(tf.keep(tf.tidy(() => tf.addN<tfc.Scalar>(list.map((t) => tf.sum(tf.abs(t)))))));
        }
      }
      return grads;
    },
    afterRun,
  },
});
