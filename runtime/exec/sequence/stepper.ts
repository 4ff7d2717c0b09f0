/**
 * Runs a trained sequence model for generation: token by token through the step forms (each
 * token O(1) in the context length), or, when a node has no step form, by re-running the whole
 * window for every token. Both read the model's output at the last position as a host array.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { ExecutionPlan, PlanStep } from '../../compile/plan.ts';
import { tensorKey } from '../../compile/plan.ts';
import type { ParamDescriptors } from '../../sdk/params.ts';
import type { ApplyContext, TensorMap } from '../../lower/lowering.ts';
import { createRng } from '../../lower/rng.ts';
import { NetwrightError } from '../../sdk/errors.ts';
import { stepsFor } from '../executor.ts';
import type { LoweringMap } from '../lowerings.ts';
import { tf } from '../tf.ts';
import type { WeightStore } from '../weights.ts';
import type { AnyStepForm, RecurrentStep } from './stepForm.ts';

/** A trained model ready to generate from. */
export interface SequenceModel {
  readonly plan: ExecutionPlan;
  readonly lowerings: LoweringMap;
  readonly stepForms: ReadonlyMap<string, AnyStepForm>;
  readonly store: WeightStore;
  /** The data node whose `x` port carries the token ids. */
  readonly dataNode: string;
  /** The output read as next-token logits (`node:port`), `[batch, length, vocab]`. */
  readonly output: string;
}

/** The nodes between the ids and the output, in run order (the data node left out). */
function modelSteps(model: SequenceModel): PlanStep[] {
  return stepsFor(model.plan, [model.output]).filter((s) => s.node !== model.dataNode);
}

/** Nodes of the model whose plugin offers no step form (`node (type)`); empty when it can step. */
export function nodesWithoutStepForm(model: SequenceModel): string[] {
  return modelSteps(model)
    .filter((s) => !model.stepForms.has(s.type))
    .map((s) => `${s.node} (${s.type})`);
}

function applyContext(model: SequenceModel, step: PlanStep): ApplyContext<ParamDescriptors> {
  return {
    nodeId: step.node,
    params: step.params,
    shapes: { outputs: step.outputs, weights: step.weights, state: step.state },
    data: step.data,
    weights: model.store.weights[step.node] ?? {},
    state: model.store.state[step.node] ?? {},
    training: false,
    step: 0,
    rng: createRng(0),
    report() {},
  };
}

function inputsOf(step: PlanStep, live: ReadonlyMap<string, tfc.Tensor>): TensorMap {
  const inputs: TensorMap = {};
  for (const [port, ref] of Object.entries(step.inputs)) {
    const t = live.get(tensorKey(ref));
    if (t) inputs[port] = t;
  }
  return inputs;
}

function applyOf(model: SequenceModel, step: PlanStep): (inputs: TensorMap, ctx: ApplyContext<ParamDescriptors>) => TensorMap {
  const lowering = model.lowerings.get(step.type);
  if (!lowering?.apply) throw new NetwrightError('ENGINE_NO_APPLY', `node "${step.node}" (${step.type}) has no forward to generate with`, { node: step.node });
  return lowering.apply.bind(lowering);
}

/** Last position of the output `[1, L, V]` as a host array. */
async function lastLogits(out: tfc.Tensor): Promise<Float32Array> {
  const [, length, vocab] = out.shape as [number, number, number];
  const last = tf.tidy(() => tf.reshape(tf.slice(out, [0, length - 1, 0], [1, 1, vocab]), [vocab]));
  try {
    return Float32Array.from(await last.data());
  } finally {
    last.dispose();
  }
}

function feedIds(model: SequenceModel, ids: readonly number[]): Map<string, tfc.Tensor> {
  return new Map([[`${model.dataNode}:x`, tf.tensor2d(Int32Array.from(ids), [1, ids.length], 'int32')]]);
}

/**
 * Logits after the last of `ids`, by running the model forward over them (the caller passes at
 * most the context length): the fallback for models without step forms, O(L) per token.
 */
export async function windowLogits(model: SequenceModel, ids: readonly number[]): Promise<Float32Array> {
  const out = tf.tidy(() => {
    const live = feedIds(model, ids);
    for (const step of modelSteps(model)) {
      const outputs = applyOf(model, step)(inputsOf(step, live), applyContext(model, step));
      for (const [port, t] of Object.entries(outputs)) live.set(`${step.node}:${port}`, t);
    }
    const result = live.get(model.output);
    if (!result) throw new NetwrightError('ENGINE_UNKNOWN_OUTPUT', `the model produced no ${model.output}`);
    return result;
  });
  try {
    return await lastLogits(out);
  } finally {
    out.dispose();
  }
}

/** A generation in progress through the step forms: feed one token, read the next logits. */
export interface StepSession {
  /** Advances by one token; resolves to the logits for the token after it. */
  push(id: number): Promise<Float32Array>;
  /** Frees the recurrent states. */
  dispose(): void;
}

/**
 * Starts a token-by-token generation. Throws when a node has no step form (check
 * {@link nodesWithoutStepForm} first and fall back to {@link windowLogits}).
 */
export function startStepSession(model: SequenceModel): StepSession {
  const missing = nodesWithoutStepForm(model);
  if (missing.length > 0) throw new NetwrightError('ENGINE_NO_STEP_FORM', `no step form for ${missing.join(', ')}: generate by re-running the window`);
  const steps = modelSteps(model);
  const recurrent = new Map<string, RecurrentStep>();
  for (const s of steps) {
    const form = model.stepForms.get(s.type)!.form;
    if (form !== 'positionwise') recurrent.set(s.node, form);
  }
  let states: Record<string, TensorMap> = tf.tidy(() => {
    const init: Record<string, TensorMap> = {};
    for (const s of steps) {
      const r = recurrent.get(s.node);
      if (r) init[s.node] = r.initial(1, applyContext(model, s));
    }
    return init;
  });
  return {
    async push(id) {
      const { out, next } = tf.tidy(() => {
        const live = feedIds(model, [id]);
        const nextStates: Record<string, TensorMap> = {};
        for (const s of steps) {
          const ctx = applyContext(model, s);
          const r = recurrent.get(s.node);
          let outputs: TensorMap;
          if (r) {
            const stepped = r.step(inputsOf(s, live), states[s.node] ?? {}, ctx);
            outputs = stepped.outputs;
            nextStates[s.node] = stepped.state;
          } else {
            outputs = applyOf(model, s)(inputsOf(s, live), ctx);
          }
          for (const [port, t] of Object.entries(outputs)) live.set(`${s.node}:${port}`, t);
        }
        return { out: live.get(model.output)!, next: nextStates };
      });
      for (const m of Object.values(states)) tf.dispose(Object.values(m));
      states = next;
      try {
        return await lastLogits(out);
      } finally {
        out.dispose();
      }
    },
    dispose() {
      for (const m of Object.values(states)) tf.dispose(Object.values(m));
      states = {};
    },
  };
}
