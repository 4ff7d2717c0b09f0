import type { JsonValue } from '../graph/types.ts';
import type { NodeRole } from '../sdk/plugin.ts';
import type { ResolvedNode } from '../sdk/resolvedNode.ts';

/** Names one output tensor: `node` id and output `port`. Its key is `node:port`. */
export interface TensorRef {
  readonly node: string;
  readonly port: string;
}

/**
 * One node of the plan, in execution order: the resolved node (id, role, params, inferred
 * outputs, weights and state) with its plugin, data, inputs and release list. Plain JSON: no
 * functions, no tensors.
 */
export interface PlanStep extends ResolvedNode {
  /** Plugin id. */
  readonly type: string;
  /** The node's saved plugin data (see `GraphNode.data`). */
  readonly data: Readonly<Record<string, JsonValue>>;
  /** Where each connected input comes from, by input port. */
  readonly inputs: Readonly<Record<string, TensorRef>>;
  /** Output keys (`node:port`) whose last reader is this step: dispose them after it. */
  readonly release: readonly string[];
}

/** One entry of the weight manifest: every weight of every node, in plan order. */
export interface WeightEntry {
  /** `node/weight`, unique in the plan; the key used in exported weight files. */
  readonly key: string;
  readonly node: string;
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly trainable: boolean;
  readonly size: number;
}

/** `ExecutionPlan.format`: what the engine checks before it loads a plan. */
export const PLAN_FORMAT = 'netwright.plan';

/** `ExecutionPlan.version`: the one plan layout this build makes and runs. */
export const PLAN_VERSION = 1;

/**
 * The execution plan: a graph compiled to plain data. The compiler needs no tfjs; the engine
 * turns a plan into tensors.
 */
export interface ExecutionPlan {
  readonly format: typeof PLAN_FORMAT;
  readonly version: typeof PLAN_VERSION;
  /** Stable hash of the graph content the plan was compiled from (not positions or labels). */
  readonly graphHash: string;
  /** Topologically ordered steps. Nodes that feed nothing reachable are still included. */
  readonly steps: readonly PlanStep[];
  readonly weights: readonly WeightEntry[];
  /** Node ids by role, in plan order. */
  readonly roles: Readonly<Record<NodeRole, readonly string[]>>;
  /** Total params (trainable and not). */
  readonly paramCount: number;
}

/** Key of a tensor ref: `node:port`. */
export function tensorKey(ref: TensorRef): string {
  return `${ref.node}:${ref.port}`;
}
