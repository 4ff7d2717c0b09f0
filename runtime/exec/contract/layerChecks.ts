/**
 * Contract checks of layer-like plugins, run on every `spec.examples` entry: inferred shapes
 * equal real ones, param counts equal weight sizes, weights initialise deterministically,
 * `apply` is deterministic, and gradients flow to every trainable weight.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { checkPortValue, formatShape, type AnyPluginSpec, type InferResult, type PluginExample } from '../../sdk/index.ts';
import type { AnyPluginLowering, TensorMap } from '../../lower/lowering.ts';
import { tf } from '../tf.ts';
import { freeAbandonedTape } from '../tape.ts';
import type { WeightStore } from '../weights.ts';
import { allFinite, mapDifferences, shapeMismatch } from './compare.ts';
import { applyExample, applyTidy, buildExample, CONTRACT_NODE, exampleWeights, type ExampleNode } from './node.ts';
import type { CheckOutcome } from './types.ts';

/** What every layer check receives. */
export interface LayerCheckInput {
  readonly spec: AnyPluginSpec;
  readonly lowering: AnyPluginLowering;
  readonly examples: readonly PluginExample[];
  readonly seed: number;
  readonly atol: number;
}

type PerExample = (node: ExampleNode, input: LayerCheckInput) => Promise<string[]>;

/** Runs `check` on every example (each built and disposed in turn) and joins the problems. */
async function eachExample(input: LayerCheckInput, check: PerExample, note: string): Promise<CheckOutcome> {
  const problems: string[] = [];
  for (const [i, e] of input.examples.entries()) {
    let node: ExampleNode;
    try {
      node = buildExample(input.spec, e, i, input.seed);
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    try {
      problems.push(...(await check(node, input)).map((p) => `${node.label}: ${p}`));
    } catch (err) {
      problems.push(`${node.label}: ${(err as Error).message}`);
    } finally {
      node.dispose();
    }
  }
  return problems.length > 0 ? { ok: false, message: problems.join('; ') } : { ok: true, message: note };
}

async function withStore<T>(node: ExampleNode, input: LayerCheckInput, seed: number, f: (s: WeightStore) => Promise<T>): Promise<T> {
  const store = exampleWeights(node, input.lowering, seed);
  try {
    return await f(store);
  } finally {
    store.dispose();
  }
}

async function outputProblems(spec: AnyPluginSpec, node: ExampleNode, out: TensorMap, mode: string): Promise<string[]> {
  const p: string[] = [];
  for (const k of Object.keys(out)) if (!Object.hasOwn(spec.outputs, k)) p.push(`${mode} apply returns "${k}", which is not an output port`);
  for (const [port, ps] of Object.entries(spec.outputs)) {
    if (ps.kind !== 'tensor') continue;
    const t = out[port];
    const inferred = node.concrete.outputs[port];
    if (!inferred || inferred.kind !== 'tensor') {
      p.push(`infer gives no tensor value for output "${port}"`);
      continue;
    }
    const portIssue = checkPortValue({ ...ps, dtype: ps.dtype ?? 'float32' }, inferred);
    if (portIssue) p.push(`inferred output "${port}" breaks its own port declaration: ${portIssue}`);
    if (!t) {
      p.push(`${mode} apply returns no tensor for output "${port}"`);
      continue;
    }
    const m = shapeMismatch(inferred.shape, t.shape);
    if (m) p.push(`output "${port}" (${mode}): ${m}`);
    else if (typeof node.batchless !== 'string') {
      const b = node.batchless.outputs[port];
      if (b?.kind === 'tensor') {
        const mb = shapeMismatch(b.shape, t.shape);
        if (mb) p.push(`output "${port}" (${mode}, batch axis unknown): ${mb}`);
      }
    }
    if (t.dtype !== inferred.dtype) p.push(`output "${port}" (${mode}): infer says ${inferred.dtype} but apply gives ${t.dtype}`);
    if (!(await allFinite(t))) p.push(`output "${port}" (${mode}) has NaN or Inf on inputs in [-1, 1)`);
  }
  return p;
}

/** Inferred output shapes and dtypes equal the real ones, in eval and training mode. */
export function checkShapes(input: LayerCheckInput): Promise<CheckOutcome> {
  return eachExample(
    input,
    async (node) => {
      const p: string[] = typeof node.batchless === 'string' ? [node.batchless] : [];
      for (const training of [false, true]) {
        // One report per mismatch: training mode is checked only when eval mode agrees.
        if (p.length > 0) break;
        await withStore(node, input, input.seed, async (store) => {
          const out = applyTidy(node, input.lowering, store, { training });
          try {
            p.push(...(await outputProblems(input.spec, node, out, training ? 'training' : 'eval')));
          } finally {
            tf.dispose(Object.values(out));
          }
        });
      }
      return p;
    },
    'inferred shapes and dtypes equal real ones (eval and training)',
  );
}

function weightSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function weightsOf(r: InferResult | string): InferResult['weights'] {
  return typeof r === 'string' ? undefined : r.weights;
}

/** Param count from `infer` equals the element count of the weights the engine creates. */
export function checkParamCount(input: LayerCheckInput): Promise<CheckOutcome> {
  const counts: number[] = [];
  return eachExample(
    input,
    async (node) => {
      const p: string[] = [];
      const declared = node.concrete.weights ?? {};
      for (const [name, w] of Object.entries(declared)) {
        if (!w.shape.every((d) => Number.isInteger(d) && d > 0)) p.push(`weight "${name}" has shape ${formatShape(w.shape)}: weight dims must be known positive sizes`);
      }
      const batchless = weightsOf(node.batchless);
      if (batchless) {
        const a = JSON.stringify(Object.entries(declared).map(([k, w]) => [k, w.shape]));
        const b = JSON.stringify(Object.entries(batchless).map(([k, w]) => [k, w.shape]));
        if (a !== b) p.push(`weights depend on the batch size: ${a} with a known batch, ${b} without`);
      }
      if (p.length > 0) return p;
      const inferred = Object.values(declared).reduce((a, w) => a + weightSize(w.shape), 0);
      await withStore(node, input, input.seed, (store) => {
        const real = store.weights[CONTRACT_NODE] ?? {};
        let total = 0;
        for (const [name, v] of Object.entries(real)) {
          total += v.size;
          const w = declared[name];
          if (!w) p.push(`the engine created weight "${name}", which infer does not declare`);
          else if (w.shape.join() !== v.shape.join()) p.push(`weight "${name}" is ${formatShape(v.shape)}, infer says ${formatShape(w.shape)}`);
        }
        if (total !== inferred) p.push(`infer declares ${inferred} params but the weights hold ${total} numbers`);
        counts.push(total);
        return Promise.resolve();
      });
      return p;
    },
    'params per example',
  ).then((r) => (r.ok ? { ok: true, message: `params per example: ${counts.join(', ')}` } : r));
}

const RANDOM_INITS = new Set(['glorotUniform', 'heNormal', 'normal', 'uniform']);

async function readAll(vars: Readonly<Record<string, tfc.Variable>>): Promise<Record<string, Float32Array | Int32Array | Uint8Array>> {
  const out: Record<string, Float32Array | Int32Array | Uint8Array> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = await v.data();
  return out;
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Same seed, same weights and state; a different seed changes randomly initialised weights. */
export function checkInitDeterministic(input: LayerCheckInput): Promise<CheckOutcome> {
  return eachExample(
    input,
    async (node) => {
      const p: string[] = [];
      const read = (seed: number) =>
        withStore(node, input, seed, async (s) => ({ w: await readAll(s.weights[CONTRACT_NODE] ?? {}), s: await readAll(s.state[CONTRACT_NODE] ?? {}) }));
      const a = await read(input.seed);
      const b = await read(input.seed);
      const c = await read(input.seed + 1);
      for (const [k, v] of Object.entries(a.w)) {
        if (!sameValues(v, b.w[k]!)) p.push(`weight "${k}" differs between two initialisations with seed ${input.seed}`);
        if (!v.every((x) => Number.isFinite(x))) p.push(`weight "${k}" initialises to NaN or Inf`);
        const init = node.concrete.weights?.[k]?.init.kind ?? '';
        if (RANDOM_INITS.has(init) && v.length > 1 && sameValues(v, c.w[k]!)) p.push(`weight "${k}" (${init}) ignores the seed: seeds ${input.seed} and ${input.seed + 1} give the same values`);
      }
      for (const [k, v] of Object.entries(a.s)) if (!sameValues(v, b.s[k]!)) p.push(`state "${k}" differs between two initialisations`);
      return p;
    },
    'same seed gives the same weights and state',
  );
}

/** Two runs from the same weights, inputs and seed give the same outputs and state. */
export function checkApplyDeterministic(input: LayerCheckInput): Promise<CheckOutcome> {
  return eachExample(
    input,
    async (node) => {
      const p: string[] = [];
      for (const training of [false, true]) {
        const mode = training ? 'training' : 'eval';
        const run = () =>
          withStore(node, input, input.seed, async (s) => {
            const out = applyTidy(node, input.lowering, s, { training, step: training ? 3 : 0, seed: 11 });
            const state: TensorMap = {};
            for (const [k, v] of Object.entries(s.state[CONTRACT_NODE] ?? {})) state[k] = v.clone();
            return Promise.resolve({ out, state });
          });
        const a = await run();
        const b = await run();
        try {
          p.push(...(await mapDifferences(`${mode} output`, a.out, b.out, input.atol)));
          p.push(...(await mapDifferences(`${mode} state`, a.state, b.state, input.atol)));
        } finally {
          tf.dispose([...Object.values(a.out), ...Object.values(b.out), ...Object.values(a.state), ...Object.values(b.state)]);
        }
      }
      return p;
    },
    'apply is deterministic (eval and training)',
  );
}

/** Gradients of sum(float outputs) reach every trainable weight and are finite. */
export function checkGradients(input: LayerCheckInput): Promise<CheckOutcome> {
  let differentiated = 0;
  return eachExample(
    input,
    async (node) => {
      const floatOutputs = Object.entries(node.concrete.outputs).filter(([, v]) => v.kind === 'tensor' && v.dtype === 'float32').map(([k]) => k);
      if (floatOutputs.length === 0) return [];
      return withStore(node, input, input.seed, async (store) => {
        const p: string[] = [];
        const weights = store.weights[CONTRACT_NODE] ?? {};
        const trainable = Object.entries(weights).filter(([, v]) => v.trainable);
        const inputVars: Record<string, tfc.Variable> = {};
        for (const [k, t] of Object.entries(node.inputs)) if (t.dtype === 'float32') inputVars[k] = tf.variable(t, true);
        const all = [...trainable.map(([, v]) => v), ...Object.values(inputVars)];
        if (all.length === 0) {
          tf.dispose(Object.values(inputVars));
          return [];
        }
        differentiated++;
        try {
          const inputs: TensorMap = { ...node.inputs, ...inputVars };
          const { value, grads } = tf.variableGrads(() => {
            const out = applyExample(node, input.lowering, store, { training: true, step: 1, inputs });
            return floatOutputs.reduce<tfc.Scalar>((acc, k) => (out[k] ? tf.add(acc, tf.sum(out[k])) : acc), tf.scalar(0));
          }, all);
          for (const [name, v] of trainable) {
            const g = grads[v.name];
            if (!g) p.push(`trainable weight "${name}" gets no gradient: apply does not use it (make it non-trainable or state)`);
            else if (!(await allFinite(g))) p.push(`gradient of weight "${name}" has NaN or Inf`);
          }
          for (const [port, v] of Object.entries(inputVars)) {
            const g = grads[v.name];
            if (g && !(await allFinite(g))) p.push(`gradient of input "${port}" has NaN or Inf`);
          }
          tf.dispose([value, ...Object.values(grads)]);
        } catch (e) {
          freeAbandonedTape();
          throw e;
        } finally {
          tf.dispose(Object.values(inputVars));
        }
        return p;
      });
    },
    'gradients reach every trainable weight and are finite',
  ).then((r) => (r.ok && differentiated === 0 ? { ok: true, skipped: true, message: 'no float outputs, or nothing to differentiate' } : r));
}
