/**
 * A tiny stand-in compiler for engine tests: turns a list of nodes (already in topological
 * order) into an {@link ExecutionPlan} by running each spec's `infer`. The real compiler lives
 * in runtime/compile; this one exists so the engine can be tested on its own.
 */
import { makeFail, resolveParams, type AnyPluginSpec, type NodeRole, type ParamValue, type PortValue } from '../../sdk/index.ts';
import type { ExecutionPlan, PlanStep, TensorRef, WeightEntry } from '../../compile/plan.ts';

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
  const lastReader = new Map<string, string>();
  for (const n of nodes) for (const r of Object.values(n.inputs ?? {})) lastReader.set(r, n.id);
  const steps: PlanStep[] = [];
  const weights: WeightEntry[] = [];
  const roles: Record<NodeRole, string[]> = { layer: [], data: [], loss: [], metric: [], optimiser: [], schedule: [], controller: [] };
  let paramCount = 0;
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
    const inferred = spec.infer({ params: resolved.values, inputs: inValues, fail: makeFail() });
    for (const [port, v] of Object.entries(inferred.outputs)) values.set(`${n.id}:${port}`, v);
    for (const [name, w] of Object.entries(inferred.weights ?? {})) {
      const size = w.shape.reduce((a, b) => a * b, 1);
      paramCount += size;
      weights.push({ key: `${n.id}/${name}`, node: n.id, name, shape: w.shape, dtype: w.dtype ?? 'float32', trainable: w.trainable ?? true, size });
    }
    const release = [...lastReader].filter(([, reader]) => reader === n.id).map(([key]) => key);
    roles[spec.role].push(n.id);
    steps.push({
      node: n.id,
      type: n.type,
      role: spec.role,
      params: resolved.values,
      data: {},
      inputs,
      outputs: inferred.outputs,
      weights: inferred.weights ?? {},
      state: inferred.state ?? {},
      release,
    });
  }
  return { format: 'netwright.plan', version: 1, graphHash: hash(JSON.stringify(nodes)), steps, weights, roles, paramCount };
}
