/**
 * One plugin example made runnable the way the engine runs it: params resolved, shapes
 * inferred (with the batch axis unknown, as the compiler sees it), seeded inputs, and weights
 * created by the engine's own initialiser (`createWeights`) from a one-step plan.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import {
  makeFail,
  resolveParams,
  type AnyPluginSpec,
  type InferResult,
  type ParamValue,
  type PluginExample,
  type PortValue,
} from '../../sdk/index.ts';
import { buildPlan } from '../../compile/buildPlan.ts';
import type { ExecutionPlan } from '../../compile/plan.ts';
import type { AnyPluginLowering, ApplyContext, TensorMap } from '../../lower/lowering.ts';
import { createRng } from '../../lower/rng.ts';
import { applyFailure, isShapeError } from '../shapeFailure.ts';
import { tf } from '../tf.ts';
import { indexLowerings } from '../lowerings.ts';
import { createWeights, type WeightStore } from '../weights.ts';

/** The node id every contract node runs under (it appears in variable names and messages). */
export const CONTRACT_NODE = 'contract';

/** A runnable example: owns its input tensors until {@link ExampleNode.dispose}. */
export interface ExampleNode {
  /** `example 1 (x [2, 5])`, for messages. */
  readonly label: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** `infer` on the example's concrete shapes. */
  readonly concrete: InferResult;
  /** `infer` with the first axis of every input unknown, or why it failed. */
  readonly batchless: InferResult | string;
  readonly inputs: TensorMap;
  /** A one-step plan of this node, as the compiler would make it. */
  readonly plan: ExecutionPlan;
  dispose(): void;
}

/** Describes an example for messages: its index and input shapes. */
export function exampleLabel(example: PluginExample, index: number): string {
  const shapes = Object.entries(example.inputs).map(([p, v]) => `${p} [${v.shape.join(', ')}]`);
  return `example ${index + 1}${shapes.length > 0 ? ` (${shapes.join(', ')})` : ''}`;
}

/** Resolves an example's params (defaults filled); throws a message naming each bad param. */
export function exampleParams(spec: AnyPluginSpec, example: PluginExample | undefined): Record<string, ParamValue> {
  const r = resolveParams(spec.params, example?.params ?? {});
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.values;
}

function inputValues(spec: AnyPluginSpec, example: PluginExample, batchless: boolean): Record<string, PortValue> {
  const out: Record<string, PortValue> = {};
  for (const [port, v] of Object.entries(example.inputs)) {
    const dtype = v.dtype ?? (spec.inputs[port]?.dtype === 'int32' ? 'int32' : 'float32');
    const shape = v.shape.map((d, i) => (batchless && i === 0 ? null : d));
    out[port] = { kind: 'tensor', shape, dtype };
  }
  return out;
}

function seededInput(shape: readonly number[], dtype: 'float32' | 'int32', maxValue: number, seed: number, port: string): tfc.Tensor {
  const rng = createRng(seed).fork(`input/${port}`);
  const n = shape.reduce((a, b) => a * b, 1);
  if (dtype === 'int32') return tf.tensor(Int32Array.from({ length: n }, () => rng.int(maxValue)), [...shape], 'int32');
  // Uniform in [-1, 1): away from overflow, on both sides of every kink at 0.
  return tf.tensor(Float32Array.from({ length: n }, () => rng.next() * 2 - 1), [...shape], 'float32');
}

/** A one-step execution plan for a node with these params and inferred shapes. */
export function singleStepPlan(spec: AnyPluginSpec, params: Readonly<Record<string, ParamValue>>, shapes: InferResult): ExecutionPlan {
  return buildPlan([{ node: CONTRACT_NODE, type: spec.id, role: spec.role, params, inputs: {}, shapes }], `contract:${spec.id}`);
}

/** Builds an example node; throws a readable message when params or `infer` fail. */
export function buildExample(spec: AnyPluginSpec, example: PluginExample, index: number, seed: number): ExampleNode {
  const label = exampleLabel(example, index);
  for (const port of Object.keys(example.inputs)) {
    if (!Object.hasOwn(spec.inputs, port)) throw new Error(`${label}: "${port}" is not an input port of the plugin`);
  }
  let params: Record<string, ParamValue>;
  try {
    params = exampleParams(spec, example);
  } catch (e) {
    throw new Error(`${label}: ${(e as Error).message}`, { cause: e });
  }
  const infer = (batchless: boolean): InferResult =>
    spec.infer({ params, inputs: inputValues(spec, example, batchless), fail: makeFail() });
  let concrete: InferResult;
  try {
    concrete = infer(false);
  } catch (e) {
    throw new Error(`${label}: infer failed: ${(e as Error).message}`, { cause: e });
  }
  let batchless: InferResult | string;
  try {
    batchless = infer(true);
  } catch (e) {
    batchless = `infer failed with the batch axis unknown: ${(e as Error).message}`;
  }
  const inputs: TensorMap = {};
  for (const [port, v] of Object.entries(inputValues(spec, example, false))) {
    if (v.kind !== 'tensor') continue;
    const shape = v.shape.map((d) => d ?? 1);
    inputs[port] = seededInput(shape, v.dtype, example.maxValue ?? 2, seed, port);
  }
  const shapes = typeof batchless === 'string' ? concrete : batchless;
  return {
    label,
    params,
    concrete,
    batchless,
    inputs,
    plan: singleStepPlan(spec, params, shapes),
    dispose: () => {
      tf.dispose(Object.values(inputs));
    },
  };
}

/** Creates the node's weights and state with the engine's initialiser. */
export function exampleWeights(node: ExampleNode, lowering: AnyPluginLowering, seed: number): WeightStore {
  return createWeights(node.plan, indexLowerings([lowering]), seed);
}

/** Options of one `apply` call. */
export interface ApplyOptions {
  readonly training: boolean;
  readonly step?: number;
  readonly seed?: number;
  /** Replaces the weights (for gradient tapes). */
  readonly weights?: Readonly<Record<string, tfc.Tensor>>;
  /** Replaces the inputs (for gradient tapes). */
  readonly inputs?: TensorMap;
}

/**
 * Runs the lowering's `apply` once, as the executor does (inside `tf.tidy` unless a gradient
 * tape is recording). Tensors passed to `report` are disposed: the suite does not read them.
 */
export function applyExample(
  node: ExampleNode,
  lowering: AnyPluginLowering,
  store: WeightStore,
  opts: ApplyOptions,
): TensorMap {
  const apply = lowering.apply;
  if (!apply) throw new Error(`plugin "${lowering.id}" has no apply`);
  const plan = node.plan.steps[0]!;
  const reports: tfc.Tensor[] = [];
  const ctx: ApplyContext<AnyPluginSpec['params']> = {
    nodeId: CONTRACT_NODE,
    params: node.params,
    shapes: { outputs: plan.outputs, weights: plan.weights, state: plan.state },
    data: {},
    weights: opts.weights ?? store.weights[CONTRACT_NODE] ?? {},
    state: store.state[CONTRACT_NODE] ?? {},
    training: opts.training,
    step: opts.step ?? (opts.training ? 1 : 0),
    rng: createRng(opts.seed ?? 7).fork(`${CONTRACT_NODE}/apply`),
    report: (_name, value) => {
      if (typeof value !== 'number') reports.push(tf.keep(value));
    },
  };
  const inputs = opts.inputs ?? node.inputs;
  try {
    return apply(inputs, ctx);
  } catch (e) {
    // A shape bug says which port got what and what infer() promised, as in a real run.
    throw isShapeError(e) ? applyFailure(plan, inputs, ctx.weights, e) : e;
  } finally {
    tf.dispose(reports);
  }
}

/** Runs `apply` inside `tf.tidy` and returns the outputs (the caller disposes them). */
export function applyTidy(node: ExampleNode, lowering: AnyPluginLowering, store: WeightStore, opts: ApplyOptions): TensorMap {
  return tf.tidy(() => applyExample(node, lowering, store, opts));
}
