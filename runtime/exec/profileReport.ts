/**
 * Turns the samples of a profile (profile.ts) into its plain-data report: medians per node and
 * per step, shares of the step, and kernel types aggregated over whole steps.
 */
import type { ExecutionPlan } from '../compile/plan.ts';
import type { KernelProfile, NodeKernels, NodeProfile, PlanProfile, ProfileClock } from './profileTypes.ts';

/** One node's samples: one entry per profiled step. */
export interface NodeSamples {
  readonly forwardMs: number[];
  readonly backwardMs: number[];
  readonly updateMs: number[];
  kernels?: NodeKernels;
}

/** A kernel record of tfjs's profiler (the fields the report reads). */
export interface KernelRecord {
  readonly name: string;
  readonly kernelTimeMs: number | { error: string };
}

/** Everything a profile measured. */
export interface ProfileSamples {
  readonly backend: string;
  readonly clock: ProfileClock;
  readonly batchSize: number;
  readonly warmupSteps: number;
  /** Wall time of each timed whole step. */
  readonly stepMs: readonly number[];
  readonly nodes: ReadonlyMap<string, NodeSamples>;
  /** The kernels of each profiled whole step; empty where the backend cannot profile. */
  readonly kernelSteps: readonly (readonly KernelRecord[])[];
}

/** The median of `xs` (0 when empty). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function kernelTable(steps: readonly (readonly KernelRecord[])[]): {
  kernels?: KernelProfile[];
  kernelsPerStep?: number;
} {
  if (steps.length === 0) return {};
  const byName = new Map<string, { count: number; ms: number }>();
  let timed = false;
  for (const records of steps) {
    for (const k of records) {
      const e = byName.get(k.name) ?? { count: 0, ms: 0 };
      e.count++;
      if (typeof k.kernelTimeMs === 'number' && Number.isFinite(k.kernelTimeMs)) {
        e.ms += k.kernelTimeMs;
        if (k.kernelTimeMs > 0) timed = true;
      }
      byName.set(k.name, e);
    }
  }
  const n = steps.length;
  const totalMs = [...byName.values()].reduce((a, e) => a + e.ms, 0);
  const kernels = [...byName].map(([name, e]): KernelProfile => {
    const base = { name, perStep: e.count / n };
    return timed ? { ...base, msPerStep: e.ms / n, share: totalMs > 0 ? e.ms / totalMs : 0 } : base;
  });
  kernels.sort(
    (a, b) =>
      (b.msPerStep ?? 0) - (a.msPerStep ?? 0) || b.perStep - a.perStep || a.name.localeCompare(b.name),
  );
  const count = steps.reduce((a, r) => a + r.length, 0);
  return { kernels, kernelsPerStep: count / n };
}

/** The report: one row per plan step (most time first), the step's median and the kernel table. */
export function profileReport(plan: ExecutionPlan, s: ProfileSamples): PlanProfile {
  const stepMs = median(s.stepMs);
  const nodes = plan.steps.map((step): NodeProfile => {
    const samples = s.nodes.get(step.node);
    const forwardMs = median(samples?.forwardMs ?? []);
    const backwardMs = median(samples?.backwardMs ?? []);
    const updateMs = median(samples?.updateMs ?? []);
    const totalMs = forwardMs + backwardMs + updateMs;
    return {
      node: step.node,
      type: step.type,
      role: step.role,
      forwardMs,
      backwardMs,
      updateMs,
      totalMs,
      share: stepMs > 0 ? totalMs / stepMs : 0,
      // Where kernels were counted, a node that ran none (a schedule) has zeros.
      ...(samples?.kernels
        ? { kernels: samples.kernels }
        : s.kernelSteps.length > 0
          ? { kernels: { forward: 0, backward: 0, update: 0 } }
          : {}),
    };
  });
  nodes.sort((a, b) => b.totalMs - a.totalMs || a.node.localeCompare(b.node));
  const sum = (f: (n: NodeProfile) => number): number => nodes.reduce((a, n) => a + f(n), 0);
  const totals = {
    forwardMs: sum((n) => n.forwardMs),
    backwardMs: sum((n) => n.backwardMs),
    updateMs: sum((n) => n.updateMs),
  };
  return {
    backend: s.backend,
    clock: s.clock,
    steps: s.stepMs.length,
    warmupSteps: s.warmupSteps,
    batchSize: s.batchSize,
    stepMs,
    nodes,
    totals: { ...totals, otherMs: stepMs - totals.forwardMs - totals.backwardMs - totals.updateMs },
    ...kernelTable(s.kernelSteps),
  };
}
