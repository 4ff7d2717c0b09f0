/**
 * A node as compiling resolves it. The execution plan's steps (`runtime/compile/plan.ts`) and
 * the context a PyTorch emitter gets (`torch.ts`) both describe a node this way, each adding
 * what only it needs.
 */
import type { ParamValue } from './params.ts';
import type { PortValue } from './ports.ts';
import type { NodeRole, StateSpec, WeightSpec } from './plugin.ts';

/** One node with its params resolved and its shapes inferred. */
export interface ResolvedNode {
  /** The node id. */
  readonly node: string;
  readonly role: NodeRole;
  /** Resolved params (defaults filled in). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Inferred output values, by output port. */
  readonly outputs: Readonly<Record<string, PortValue>>;
  /** Inferred weight specs, by weight name. */
  readonly weights: Readonly<Record<string, WeightSpec>>;
  /** Inferred state specs, by state name. */
  readonly state: Readonly<Record<string, StateSpec>>;
}
