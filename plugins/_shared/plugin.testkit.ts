/**
 * Test helpers for the built-in plugins: run a spec's `infer` and a lowering's `apply` the way
 * the engine does, with a small reference implementation of the declarative weight inits.
 * Used only by tests (and by nothing the app ships).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { beforeAll, expect } from 'vitest';
import { tf } from '../../runtime/exec/tf.ts';
import { createRng, createRunMemory, type AnyPluginLowering, type ApplyContext, type Rng, type TensorMap } from '../../runtime/exec/sdk.ts';
import {
  makeFail,
  resolveParams,
  type AnyPluginSpec,
  type InferResult,
  type ParamDescriptors,
  type ParamValue,
  type ParamValues,
  type PluginSpec,
  type PortValue,
  type WeightSpec,
} from '../../runtime/sdk/index.ts';

/** Resolves params (throwing on any issue) and runs the spec's `infer`. */
export function inferNode(
  spec: AnyPluginSpec,
  params: Record<string, ParamValue>,
  inputs: Record<string, PortValue>,
): InferResult {
  const resolved = resolveParams(spec.params, params);
  if (!resolved.ok) throw new Error(resolved.issues.map((i) => i.message).join('; '));
  return spec.infer({ params: resolved.values, inputs, fail: makeFail() });
}

/** Resolved params with defaults, for lowering contexts; throws on any issue. */
export function resolved<P extends ParamDescriptors>(spec: { readonly params: P }, params: Readonly<Record<string, unknown>>): ParamValues<P> {
  const r = resolveParams(spec.params, params);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.values;
}

/**
 * A context for calling a lowering's `apply` by hand: the shapes inferred from `inputs`, no saved
 * data, rng seeded with 0; the caller gives the weights, state, step and `report`.
 */
export function applyContextFor<P extends ParamDescriptors>(
  spec: PluginSpec<P>,
  params: ParamValues<P>,
  inputs: Record<string, PortValue>,
  run: Pick<ApplyContext<P>, 'weights' | 'state' | 'training' | 'step' | 'report'>,
): ApplyContext<P> {
  return { nodeId: spec.id, params, shapes: spec.infer({ params, inputs, fail: makeFail() }), data: {}, rng: createRng(0), ...run };
}

/** The port value of a tensor, with its first axis as the unknown batch axis. */
export function portOf(t: tfc.Tensor, batchUnknown = true): PortValue {
  return {
    kind: 'tensor',
    shape: t.shape.map((d, i) => (i === 0 && batchUnknown ? null : d)),
    dtype: t.dtype === 'int32' ? 'int32' : 'float32',
  };
}

/** Initial values of a weight from its declarative init (the same formulas as Keras). */
export function initValues(w: WeightSpec, rng: Rng): Float32Array {
  const n = w.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  const receptive = w.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const fanIn = w.shape.length >= 2 ? w.shape[w.shape.length - 2]! * receptive : (w.shape[0] ?? 1);
  const fanOut = w.shape.length >= 2 ? w.shape[w.shape.length - 1]! * receptive : (w.shape[0] ?? 1);
  const init = w.init;
  for (let i = 0; i < n; i++) {
    switch (init.kind) {
      case 'zeros':
      case 'custom':
        out[i] = 0;
        break;
      case 'ones':
        out[i] = 1;
        break;
      case 'constant':
        out[i] = init.value;
        break;
      case 'glorotUniform': {
        const lim = (init.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
        out[i] = (rng.next() * 2 - 1) * lim;
        break;
      }
      case 'heNormal':
        out[i] = rng.normal() * Math.sqrt(2 / fanIn);
        break;
      case 'normal':
        out[i] = rng.normal() * init.std;
        break;
      case 'uniform':
        out[i] = init.min + rng.next() * (init.max - init.min);
        break;
    }
  }
  return out;
}

/** A node made ready to run: its inferred shapes, weights and state as variables. */
export interface TestNode {
  readonly shapes: InferResult;
  readonly params: Record<string, ParamValue>;
  readonly weights: Record<string, tfc.Variable>;
  readonly state: Record<string, tfc.Variable>;
  /** Runs `apply` inside `tf.tidy`; the caller disposes the outputs. */
  apply(inputs: TensorMap, opts?: { training?: boolean; step?: number; seed?: number }): TensorMap;
  dispose(): void;
}

/**
 * Infers a node from concrete input tensors, creates its weights (spec inits, or the given
 * values) and state, and returns a runner for its `apply`.
 */
export function makeNode(
  spec: AnyPluginSpec,
  lowering: AnyPluginLowering,
  params: Record<string, ParamValue>,
  inputs: TensorMap,
  weightValues: Record<string, number[] | Float32Array> = {},
  seed = 1,
): TestNode {
  const ports: Record<string, PortValue> = {};
  for (const [k, t] of Object.entries(inputs)) ports[k] = portOf(t);
  const shapes = inferNode(spec, params, ports);
  const values = resolved(spec, params);
  const rng = createRng(seed);
  const weights: Record<string, tfc.Variable> = {};
  for (const [name, w] of Object.entries(shapes.weights ?? {})) {
    const given = weightValues[name];
    const data = given ? Float32Array.from(given) : initValues(w, rng.fork(name));
    weights[name] = tf.tidy(() => tf.variable(tf.tensor(data, [...w.shape]), w.trainable ?? true));
  }
  const state: Record<string, tfc.Variable> = {};
  for (const [name, s] of Object.entries(shapes.state ?? {})) {
    state[name] = tf.tidy(() => tf.variable(tf.fill([...s.shape], s.initial ?? 0), false));
  }
  const base = { nodeId: 'n', params: values, shapes, data: {} };
  return {
    shapes,
    params: values,
    weights,
    state,
    apply(inp, opts = {}) {
      const apply = lowering.apply;
      if (!apply) throw new Error(`${spec.id} has no apply`);
      return tf.tidy(() =>
        apply(inp, {
          ...base,
          weights,
          state,
          training: opts.training ?? false,
          step: opts.step ?? 0,
          rng: createRng(opts.seed ?? 7),
          report: () => undefined,
        }),
      );
    },
    dispose() {
      for (const v of [...Object.values(weights), ...Object.values(state)]) v.dispose();
    },
  };
}

/** Concrete shape of an inferred tensor output, with the batch axis filled in. */
export function concreteShape(v: PortValue | undefined, batch: number): number[] {
  if (!v || v.kind !== 'tensor') throw new Error('not a tensor output');
  return v.shape.map((d, i) => (d === null && i === 0 ? batch : (d ?? -1)));
}

/** Builds a data plugin's source from params, as the engine does. */
export function makeSource(
  spec: AnyPluginSpec,
  lowering: AnyPluginLowering,
  params: Record<string, ParamValue>,
): { shapes: InferResult; source: ReturnType<NonNullable<AnyPluginLowering['source']>> } {
  const shapes = inferNode(spec, params, {});
  if (!lowering.source) throw new Error(`${spec.id} has no source`);
  const source = lowering.source({
    nodeId: 'data',
    params: resolved(spec, params),
    shapes,
    data: {},
    rng: createRng(3),
  });
  return { shapes, source };
}

/** Reads a batch as plain arrays and disposes its tensors. */
export function readBatch(batch: TensorMap): Record<string, { shape: number[]; data: number[] }> {
  const out: Record<string, { shape: number[]; data: number[] }> = {};
  for (const [k, t] of Object.entries(batch)) {
    out[k] = { shape: t.shape, data: Array.from(t.dataSync()) };
    t.dispose();
  }
  return out;
}

/** Counts of each value in a list of class ids. */
export function classCounts(ids: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const v of ids) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Runs a schedule node's lowering for a run of `totalSteps` steps. */
export function runSchedule(
  spec: AnyPluginSpec,
  lowering: AnyPluginLowering,
  params: Record<string, ParamValue>,
  totalSteps: number,
): Float32Array {
  if (!lowering.schedule) throw new Error(`${spec.id} has no schedule`);
  const shapes = inferNode(spec, params, {});
  const memory = createRunMemory();
  try {
    return lowering.schedule({
      nodeId: 'sched',
      params: resolved(spec, params),
      shapes,
      data: {},
      totalSteps,
      saveData: () => undefined,
      runMemory: memory.forNode('sched'),
    });
  } finally {
    memory.dispose();
  }
}

/** Total number of weight elements a node's `infer` declares. */
export function paramCount(shapes: InferResult): number {
  return Object.values(shapes.weights ?? {}).reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
}

/** Runs this test file on the wasm backend (a `beforeAll` that sets it and waits until it is ready). */
export function runTestsOnWasm(): void {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
  });
}

/**
 * Runs a node on concrete inputs and expects the real output shapes to equal the inferred ones
 * (batch axis filled in) and no tensor to leak; returns the real shapes and the param count.
 */
export function expectShapesAsInferred(
  spec: AnyPluginSpec,
  lowering: AnyPluginLowering,
  params: Record<string, ParamValue>,
  inputShapes: Record<string, { shape: number[]; dtype?: 'float32' | 'int32' }>,
  training = false,
): { real: Record<string, number[]>; params: number } {
  const before = tf.memory().numTensors;
  const inputs: TensorMap = {};
  for (const [k, v] of Object.entries(inputShapes)) {
    inputs[k] =
      v.dtype === 'int32' ? tf.zeros(v.shape, 'int32') : tf.randomNormal(v.shape, 0, 1, 'float32', 3);
  }
  const node = makeNode(spec, lowering, params, inputs);
  const out = node.apply(inputs, { training });
  const batch = Object.values(inputShapes)[0]?.shape[0] ?? 1;
  const real: Record<string, number[]> = {};
  const inferred: Record<string, number[]> = {};
  for (const [k, t] of Object.entries(out)) {
    real[k] = t.shape;
    inferred[k] = concreteShape(node.shapes.outputs[k], batch);
  }
  const count = paramCount(node.shapes);
  tf.dispose([...Object.values(out), ...Object.values(inputs)]);
  node.dispose();
  expect(real).toEqual(inferred);
  expect(tf.memory().numTensors - before).toBe(0);
  return { real, params: count };
}

/**
 * Common checks of a data plugin: expects the real batch shapes and dtypes to equal the
 * inferred ones, two sources with the same params to give the same batches, and no tensor to
 * leak once they are disposed.
 */
export function expectSourceAsInferred(
  spec: AnyPluginSpec,
  lowering: AnyPluginLowering,
  params: Record<string, ParamValue>,
  batchSize = 8,
): void {
  const before = tf.memory().numTensors;
  const a = makeSource(spec, lowering, params);
  const b = makeSource(spec, lowering, params);
  const real: Record<string, [number[], string]> = {};
  const inferred: Record<string, [number[], string]> = {};
  let repeatable = true;
  for (const index of [0, 1, 5]) {
    const ba = a.source.batch('train', index, batchSize);
    for (const [k, t] of Object.entries(ba)) {
      real[k] = [t.shape, t.dtype];
      const v = a.shapes.outputs[k];
      inferred[k] = [concreteShape(v, batchSize), v?.kind === 'tensor' ? v.dtype : '?'];
    }
    const ra = readBatch(ba);
    const rb = readBatch(b.source.batch('train', index, batchSize));
    if (JSON.stringify(ra) !== JSON.stringify(rb)) repeatable = false;
  }
  a.source.dispose();
  b.source.dispose();
  expect(real).toEqual(inferred);
  expect(repeatable).toBe(true);
  expect(tf.memory().numTensors - before).toBe(0);
}
