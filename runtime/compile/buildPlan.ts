/**
 * The one plan builder. Given nodes in execution order, each with its resolved params and
 * inferred shapes, it derives the rest of an {@link ExecutionPlan}: the step after which each
 * tensor is last read (so the engine disposes it there), the weight manifest, node ids by role
 * and the param count. `compileGraph` feeds it a checked document; the plugin contract suite and
 * the engine's tests feed it nodes directly, so every plan is built the same way.
 */
import type { JsonValue } from '../graph/types.ts';
import type { ParamValue } from '../sdk/params.ts';
import { NODE_ROLES, type InferResult, type NodeRole } from '../sdk/plugin.ts';
import { PLAN_FORMAT, PLAN_VERSION, tensorKey, type ExecutionPlan, type PlanStep, type TensorRef, type WeightEntry } from './plan.ts';

/** One node of a plan to build, as its step will hold it. */
export interface PlanNode {
  readonly node: string;
  /** Plugin id. */
  readonly type: string;
  readonly role: NodeRole;
  /** Resolved params (defaults filled in). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The node's saved plugin data; none by default. */
  readonly data?: Readonly<Record<string, JsonValue>>;
  /** Where each connected input comes from, by input port. */
  readonly inputs: Readonly<Record<string, TensorRef>>;
  /** Inferred outputs, weights and state (missing weights or state: none). */
  readonly shapes: InferResult;
}

/** Output keys (`node:port`) to release after each node: those it is the last reader of. */
function releaseLists(nodes: readonly PlanNode[]): string[][] {
  const last = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const ref of Object.values(n.inputs)) last.set(tensorKey(ref), i);
  });
  const releaseAt = nodes.map(() => [] as string[]);
  for (const [key, i] of last) releaseAt[i]!.push(key);
  return releaseAt;
}

/** An empty list of node ids for every role. */
function emptyRoles(): Record<NodeRole, string[]> {
  return Object.fromEntries(NODE_ROLES.map((r) => [r, [] as string[]])) as Record<NodeRole, string[]>;
}

/**
 * Builds the plan of `nodes`, which must already be in execution order (every input read from
 * an earlier node). Checks nothing else: callers have validated and inferred the nodes.
 */
export function buildPlan(nodes: readonly PlanNode[], graphHash: string): ExecutionPlan {
  const releaseAt = releaseLists(nodes);
  const roles = emptyRoles();
  const weights: WeightEntry[] = [];
  const steps = nodes.map((n, i): PlanStep => {
    roles[n.role].push(n.node);
    for (const [name, w] of Object.entries(n.shapes.weights ?? {})) {
      weights.push({
        key: `${n.node}/${name}`,
        node: n.node,
        name,
        shape: w.shape,
        dtype: w.dtype ?? 'float32',
        trainable: w.trainable ?? true,
        size: w.shape.reduce((a, b) => a * b, 1),
      });
    }
    return {
      node: n.node,
      type: n.type,
      role: n.role,
      params: n.params,
      data: n.data ?? {},
      inputs: n.inputs,
      outputs: n.shapes.outputs,
      weights: n.shapes.weights ?? {},
      state: n.shapes.state ?? {},
      release: releaseAt[i]!,
    };
  });
  const paramCount = weights.reduce((a, w) => a + w.size, 0);
  return { format: PLAN_FORMAT, version: PLAN_VERSION, graphHash, steps, weights, roles, paramCount };
}
