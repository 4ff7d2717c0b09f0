/**
 * Plans for engine tests without a graph document: turns a list of nodes (already in
 * topological order) into an {@link ExecutionPlan} by resolving params and running each spec's
 * `infer`, then building the plan with the compiler's own `buildPlan`. Throws on any problem.
 */
import { makeFail, resolveParams, type AnyPluginSpec, type ParamValue, type PortValue } from '../../runtime/sdk/index.ts';
import { buildPlan, type PlanNode } from '../../runtime/compile/buildPlan.ts';
import type { ExecutionPlan, TensorRef } from '../../runtime/compile/plan.ts';

/** One node for {@link miniPlan}: inputs as `node:port` strings. */
export interface MiniNode {
  readonly id: string;
  readonly type: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly inputs?: Readonly<Record<string, string>>;
}

function refOf(s: string): TensorRef {
  const i = s.lastIndexOf(':');
  return { node: s.slice(0, i), port: s.slice(i + 1) };
}

function hash(text: string): string {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** Compiles `nodes` against `specs`; throws on any problem (tests only). */
export function miniPlan(specs: readonly AnyPluginSpec[], nodes: readonly MiniNode[]): ExecutionPlan {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const values = new Map<string, PortValue>();
  const planNodes: PlanNode[] = [];
  for (const n of nodes) {
    const spec = byId.get(n.type);
    if (!spec) throw new Error(`miniPlan: no spec "${n.type}"`);
    const resolved = resolveParams(spec.params, n.params ?? {});
    if (!resolved.ok) throw new Error(`miniPlan: ${n.id}: ${resolved.issues.map((i) => i.message).join('; ')}`);
    const inputs: Record<string, TensorRef> = {};
    const inValues: Record<string, PortValue> = {};
    for (const [port, r] of Object.entries(n.inputs ?? {})) {
      const v = values.get(r);
      if (!v) throw new Error(`miniPlan: ${n.id}.${port} reads unknown ${r}`);
      inputs[port] = refOf(r);
      inValues[port] = v;
    }
    const shapes = spec.infer({ params: resolved.values, inputs: inValues, fail: makeFail() });
    for (const [port, v] of Object.entries(shapes.outputs)) values.set(`${n.id}:${port}`, v);
    planNodes.push({ node: n.id, type: n.type, role: spec.role, params: resolved.values, inputs, shapes });
  }
  return buildPlan(planNodes, hash(JSON.stringify(nodes)));
}
