import type { DiagnosticFix, DiagnosticTarget } from './errors.ts';
import { declarationProblems } from './declaration.ts';
import { InferError } from './errors.ts';
import type { ParamDescriptors, ParamValue, ParamValues } from './params.ts';
import type { PortSpec, PortValue } from './ports.ts';
import type { TorchEmitter } from './torch.ts';

/** Palette categories, in palette order. Third-party plugins may use any of them. */
export const CATEGORIES = [
  'io',
  'data',
  'layers',
  'sequence',
  'normalisation',
  'activation',
  'structure',
  'loss',
  'metric',
  'optimiser',
  'schedule',
  'training',
  'other',
] as const;

/** A palette category. */
export type Category = (typeof CATEGORIES)[number];

/** Every {@link NodeRole}, in the order an execution plan lists them (`ExecutionPlan.roles`). */
export const NODE_ROLES = ['layer', 'data', 'loss', 'metric', 'optimiser', 'schedule', 'controller'] as const;

/**
 * What a node does in a run. The trainer reads this, never a plugin id:
 * - `layer`: a pure tensor function of its inputs (most nodes, losses and metrics too);
 * - `data`: a batch source with no inputs (its lowering provides `source`);
 * - `loss`: a layer whose scalar output the optimiser can minimise;
 * - `metric`: a layer whose scalar output is reported, never differentiated;
 * - `optimiser`: owns the update rule and the run settings (its lowering provides `optimiser`);
 * - `schedule`: produces a learning-rate schedule before the run (lowering provides `schedule`);
 * - `controller`: has no tensors of its own but acts through trainer hooks (pruning, …).
 */
export type NodeRole = (typeof NODE_ROLES)[number];

/** Declarative weight initialiser; a lowering can override any weight with custom code. */
export type WeightInit =
  | { readonly kind: 'zeros' }
  | { readonly kind: 'ones' }
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'glorotUniform'; readonly gain?: number }
  | { readonly kind: 'heNormal' }
  | { readonly kind: 'normal'; readonly std: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'custom' };

/**
 * Per-weight optimiser settings, set by the plugin from its params. Any plugin can use them
 * (quadratic neurons scale the learning rate of their quadratic terms and penalise them).
 */
export interface WeightOptim {
  /** Multiplies the learning rate for this weight. Default 1. */
  readonly lrScale?: number;
  /** L1 penalty coefficient added to the loss. Default 0. */
  readonly l1?: number;
  /** L2 penalty coefficient added to the loss. Default 0. */
  readonly l2?: number;
  /** Whether AdamW's decoupled weight decay applies. Default: true for rank >= 2. */
  readonly decay?: boolean;
}

/** A weight (trainable or not) that a node owns, as inferred from its params and input shapes. */
export interface WeightSpec {
  /** Concrete shape: weights never have unknown dims. */
  readonly shape: readonly number[];
  readonly init: WeightInit;
  /** Defaults to true. Non-trainable weights still count as params and are saved. */
  readonly trainable?: boolean;
  readonly dtype?: 'float32' | 'int32';
  readonly optim?: WeightOptim;
  /**
   * Marks the weights that pruning nodes (`apmask`) prune. When any weight of a node sets it,
   * exactly those are pruned; otherwise the weight named `kernel`, else every trainable weight
   * of rank >= 2. `false` keeps a weight out of that fallback. For a layer whose main kernel has
   * another name or that has several kernels of which only some are pruned (quadratic: `wr`).
   */
  readonly prunable?: boolean;
}

/** Non-trainable per-node state updated by the lowering (running statistics, counters). */
export interface StateSpec {
  readonly shape: readonly number[];
  /** Initial value of every element. Default 0. */
  readonly initial?: number;
  readonly dtype?: 'float32' | 'int32';
}

/** What `infer` learns about one node from its params and its input values. */
export interface InferResult {
  /** A value for every output port. */
  readonly outputs: Readonly<Record<string, PortValue>>;
  readonly weights?: Readonly<Record<string, WeightSpec>>;
  readonly state?: Readonly<Record<string, StateSpec>>;
  /** Multiply-adds (x2) per example of the forward pass, when known. */
  readonly flops?: number;
}

/** Input to `infer`. */
export interface InferContext<P extends ParamDescriptors> {
  /** Resolved, validated params. */
  readonly params: ParamValues<P>;
  /** Values of connected inputs; optional unconnected inputs are absent. */
  readonly inputs: Readonly<Record<string, PortValue>>;
  /** Throws an {@link InferError} naming a port or param, optionally with a one-click repair. */
  fail(message: string, target?: Omit<DiagnosticTarget, 'node'>, fix?: DiagnosticFix): never;
}

/** A stored node as migrations see it: params keyed by name, plus the plugin's saved data. */
export interface MigratableNode {
  params: Record<string, ParamValue>;
  data?: Record<string, unknown>;
}

/**
 * One step in a plugin's migration sequence. Migrations are consecutive and up-only: the
 * n-th entry turns a node saved at sequence number n-1 into one at sequence number n.
 */
export interface Migration {
  /** Stable name, for example `rename-units-to-width`. */
  readonly name: string;
  /** Mutates the node in place (it is a private copy). */
  readonly up: (node: MigratableNode) => void;
}

/** A plugin spec: declarative, no tfjs, no React. Built with {@link definePlugin}. */
export interface PluginSpec<P extends ParamDescriptors = ParamDescriptors> {
  /** Stable id, never renamed. Third-party ids are namespaced: `acme.myLayer`. */
  readonly id: string;
  /** Semver of the plugin. */
  readonly version: string;
  readonly title: string;
  readonly category: Category;
  readonly role: NodeRole;
  /** Markdown-free plain text shown in the inspector. */
  readonly doc: string;
  /** The paper the node comes from, if any. */
  readonly paper?: { readonly title: string; readonly url: string };
  readonly inputs: Readonly<Record<string, PortSpec>>;
  readonly outputs: Readonly<Record<string, PortSpec>>;
  readonly params: P;
  /** Params shown on the node itself (the rest only in the inspector). */
  readonly keyParams?: readonly (keyof P & string)[];
  /** Input shapes + params -> outputs, weights, state, FLOPs; throws via `ctx.fail`. */
  // Method syntax on purpose: a spec with narrow params must fit a registry of any specs.
  infer(ctx: InferContext<P>): InferResult;
  /** Migration sequence; its length is the plugin's current migration number. */
  readonly migrations?: readonly Migration[];
  /**
   * Configurations for the shared contract suite (inferred shapes = real output shapes,
   * param counts = weight sizes, no leaks). Every layer-like plugin should list at least one.
   */
  readonly examples?: readonly PluginExample[];
  /** How `netwright export torch` writes this plugin's nodes as PyTorch code (optional; see `torch.ts`). */
  readonly torch?: TorchEmitter;
}

/**
 * A concrete configuration the contract suite runs automatically: params (missing ones take
 * defaults) and one concrete shape per connected tensor input.
 */
export interface PluginExample {
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly inputs: Readonly<Record<string, { readonly shape: readonly number[]; readonly dtype?: 'float32' | 'int32' }>>;
  /** For int32 inputs: values are drawn from [0, maxValue). Default 2. */
  readonly maxValue?: number;
}

/**
 * A spec with its params type erased, as stored in registries. Spelled out (rather than
 * `PluginSpec<ParamDescriptors>`) so that any concrete spec is structurally assignable.
 */
export interface AnyPluginSpec extends Omit<PluginSpec, 'infer' | 'keyParams'> {
  readonly keyParams?: readonly string[];
  infer(ctx: InferContext<ParamDescriptors>): InferResult;
}

const ID_PATTERN = /^[a-z][a-zA-Z0-9-]*(\.[a-z][a-zA-Z0-9-]*)*$/;
const SEMVER_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * Declares a plugin spec. Checks the declaration itself (id form, semver, port and param
 * names) so that a malformed plugin fails when it is defined, with its id in the message.
 * Strict: an unknown key, port or param kind, or a descriptor that contradicts itself (min
 * above max, a default its own validator refuses, repeated enum options) is refused, naming
 * the param or port (see `declaration.ts`); the optional `torch` key is allowed.
 * @example
 * export const scaleSpec = definePlugin({
 *   id: 'acme.scale', version: '1.0.0', title: 'Scale', category: 'layers', role: 'layer',
 *   doc: 'y = x * w', inputs: { x: { kind: 'tensor' } }, outputs: { y: { kind: 'tensor' } },
 *   params: {}, infer: ({ inputs }) => ({ outputs: { y: inputs.x! } }),
 * });
 */
export function definePlugin<const P extends ParamDescriptors>(spec: PluginSpec<P>): PluginSpec<P> {
  const where = `plugin "${spec.id}"`;
  if (!ID_PATTERN.test(spec.id)) throw new Error(`${where}: id must match ${ID_PATTERN.source}`);
  if (!SEMVER_PATTERN.test(spec.version)) throw new Error(`${where}: version "${spec.version}" is not semver`);
  const names = [...Object.keys(spec.inputs), ...Object.keys(spec.outputs)];
  for (const n of names) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(n)) throw new Error(`${where}: bad port name "${n}"`);
  }
  for (const n of Object.keys(spec.inputs)) {
    if (Object.hasOwn(spec.outputs, n)) throw new Error(`${where}: port "${n}" is both input and output`);
  }
  const problems = declarationProblems(spec as unknown as Record<string, unknown>);
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
  return Object.freeze({ ...spec });
}

/** Builds the `fail` helper used by {@link InferContext}. */
export function makeFail(): InferContext<ParamDescriptors>['fail'] {
  return (message, target = {}, fix) => {
    throw new InferError(message, target, fix);
  };
}
