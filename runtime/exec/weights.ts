/**
 * Weights and state of a plan, as tfjs variables. Values come from the seeded {@link Rng}, never
 * from tfjs random ops, so the same seed gives the same weights on every backend.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { NetwrightError } from '../sdk/errors.ts';
import type { WeightInit, WeightSpec } from '../sdk/plugin.ts';
import type { ExecutionPlan, PlanStep } from '../compile/plan.ts';
import type { InitContext } from '../lower/lowering.ts';
import type { ParamDescriptors } from '../sdk/params.ts';
import { createRng, type Rng } from '../lower/rng.ts';
import { nodeFailure, type LoweringMap } from './lowerings.ts';
import { tf } from './tf.ts';

/** Weights and state of every node, as variables. Owns them: call {@link WeightStore.dispose}. */
export interface WeightStore {
  /** The seed the values were drawn from. */
  readonly seed: number;
  /** Weights by node id, then weight name. */
  readonly weights: Readonly<Record<string, Readonly<Record<string, tfc.Variable>>>>;
  /** State by node id, then state name. */
  readonly state: Readonly<Record<string, Readonly<Record<string, tfc.Variable>>>>;
  /** Every weight by its manifest key `node/weight`. */
  readonly byKey: ReadonlyMap<string, tfc.Variable>;
  /** Every state variable by its key `node/state`. */
  readonly stateByKey: ReadonlyMap<string, tfc.Variable>;
  dispose(): void;
}

/** The context a lowering's `initWeights`/`source` gets for one step. */
export function initContext(step: PlanStep, rng: Rng): InitContext<ParamDescriptors> {
  return {
    nodeId: step.node,
    params: step.params,
    shapes: { outputs: step.outputs, weights: step.weights, state: step.state },
    data: step.data,
    rng,
  };
}

function fanInOut(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0]!, shape[0]!];
  // TF.js layouts: dense [in, out]; conv [kh, kw, inC, outC] -> receptive field times channels.
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2]! * receptive, shape[shape.length - 1]! * receptive];
}

/**
 * Draws initial values for a declarative init. `custom` has no declarative values: the
 * lowering's `initWeights` must provide them.
 */
export function drawInit(init: WeightInit, shape: readonly number[], rng: Rng): Float32Array | undefined {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  const [fanIn, fanOut] = fanInOut(shape);
  switch (init.kind) {
    case 'zeros':
      return out;
    case 'ones':
      return out.fill(1);
    case 'constant':
      return out.fill(init.value);
    case 'glorotUniform': {
      const limit = (init.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < size; i++) out[i] = (rng.next() * 2 - 1) * limit;
      return out;
    }
    case 'heNormal': {
      const std = Math.sqrt(2 / fanIn);
      for (let i = 0; i < size; i++) out[i] = rng.normal() * std;
      return out;
    }
    case 'normal':
      for (let i = 0; i < size; i++) out[i] = rng.normal() * init.std;
      return out;
    case 'uniform':
      for (let i = 0; i < size; i++) out[i] = init.min + rng.next() * (init.max - init.min);
      return out;
    case 'custom':
      return undefined;
  }
}

/** A variable name that is `key` when free; tfjs names are global, so a clash gets a suffix. */
function variableName(key: string): string {
  const registered = tf.engine().registeredVariables;
  if (!Object.hasOwn(registered, key)) return key;
  let i = 2;
  while (Object.hasOwn(registered, `${key}#${i}`)) i++;
  return `${key}#${i}`;
}

function makeVariable(
  values: Float32Array | Int32Array,
  shape: readonly number[],
  dtype: 'float32' | 'int32',
  trainable: boolean,
  key: string,
): tfc.Variable {
  const t = tf.tensor(values, [...shape], dtype);
  const v = tf.variable(t, trainable, variableName(key), dtype);
  t.dispose();
  return v;
}

function weightValues(
  step: PlanStep,
  name: string,
  spec: WeightSpec,
  custom: Record<string, Float32Array | Int32Array>,
  rng: Rng,
): Float32Array | Int32Array {
  const key = `${step.node}/${name}`;
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const given = custom[name];
  if (given) {
    if (given.length !== size) {
      throw new NetwrightError(
        'WEIGHTS_INIT_SIZE',
        `node "${step.node}" (${step.type}): initWeights gave ${given.length} values for weight "${name}" of shape [${spec.shape.join(', ')}] (${size} expected)`,
        { node: step.node },
      );
    }
    return given;
  }
  const drawn = drawInit(spec.init, spec.shape, rng.fork(key));
  if (!drawn) {
    throw new NetwrightError(
      'WEIGHTS_INIT_MISSING',
      `node "${step.node}" (${step.type}): weight "${name}" has a custom init but the lowering's initWeights did not return it`,
      { node: step.node },
    );
  }
  return (spec.dtype ?? 'float32') === 'int32' ? Int32Array.from(drawn, Math.round) : drawn;
}

/**
 * Creates the weights and state of every step. Each weight uses the lowering's `initWeights`
 * when it returns that weight, else the spec's declarative init drawn from
 * `createRng(seed).fork('node/weight')`.
 */
export function createWeights(plan: ExecutionPlan, lowerings: LoweringMap, seed: number): WeightStore {
  const root = createRng(seed);
  const weights: Record<string, Record<string, tfc.Variable>> = {};
  const state: Record<string, Record<string, tfc.Variable>> = {};
  const byKey = new Map<string, tfc.Variable>();
  const stateByKey = new Map<string, tfc.Variable>();
  const dispose = (): void => {
    for (const v of byKey.values()) v.dispose();
    for (const v of stateByKey.values()) v.dispose();
  };
  try {
    for (const step of plan.steps) {
      const lowering = lowerings.get(step.type);
      const specs = Object.entries(step.weights);
      if (specs.length > 0) {
        let custom: Record<string, Float32Array | Int32Array> = {};
        if (lowering?.initWeights) {
          try {
            custom = lowering.initWeights(initContext(step, root.fork(`${step.node}/init`)));
          } catch (e) {
            throw nodeFailure(step, 'initWeights', e);
          }
        }
        const own: Record<string, tfc.Variable> = {};
        for (const [name, spec] of specs) {
          const key = `${step.node}/${name}`;
          const dtype = spec.dtype ?? 'float32';
          const v = makeVariable(weightValues(step, name, spec, custom, root), spec.shape, dtype, spec.trainable ?? true, key);
          own[name] = v;
          byKey.set(key, v);
        }
        weights[step.node] = own;
      }
      const own: Record<string, tfc.Variable> = {};
      for (const [name, spec] of Object.entries(step.state)) {
        const size = spec.shape.reduce((a, b) => a * b, 1);
        const dtype = spec.dtype ?? 'float32';
        const values = dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
        values.fill(spec.initial ?? 0);
        const v = makeVariable(values, spec.shape, dtype, false, `${step.node}/${name}`);
        own[name] = v;
        stateByKey.set(`${step.node}/${name}`, v);
      }
      state[step.node] = own;
    }
  } catch (e) {
    dispose();
    throw e;
  }
  return { seed, weights, state, byKey, stateByKey, dispose };
}
