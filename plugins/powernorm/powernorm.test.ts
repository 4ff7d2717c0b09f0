import { describe, expect, it } from 'vitest';
import type * as tfc from '@tensorflow/tfjs-core';
import type { ApplyContext } from '../../runtime/exec/sdk.ts';
import { createRng } from '../../runtime/lower/rng.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { makeFail, tensorValue, type ParamValues } from '../../runtime/sdk/index.ts';
import { applyContextFor, resolved } from '../_shared/plugin.testkit.ts';
import { useBackend } from '../paper.testkit.ts';
import { powerNormLowering } from './lower.ts';
import { pnTrain, type PnState } from './reference/powernorm.ts';
import { powerNormSpec } from './spec.ts';

type Params = ParamValues<typeof powerNormSpec.params>;

const params = (over: Partial<Params>): Params => resolved(powerNormSpec, over);

function ctxFor(p: Params, state: Record<string, tfc.Variable>, weights: Record<string, tfc.Tensor>, training: boolean, step: number): ApplyContext<typeof powerNormSpec.params> {
  return applyContextFor(powerNormSpec, p, { x: tensorValue([null, 3]) }, { weights, state, training, step, report: () => undefined });
}

function freshState(c: number): Record<string, tfc.Variable> {
  return {
    runningPhi: tf.variable(tf.ones([c]), false),
    emaGz: tf.variable(tf.zeros([c]), false),
    iters: tf.variable(tf.scalar(0, 'int32'), false),
  };
}

const read = (t: tfc.Tensor): number[] => Array.from(t.dataSync());
const maxErr = (a: readonly number[], b: readonly number[]): number => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('powernorm lowering', () => {
  it('follows the float64 reference over 5 training steps across the warm-up boundary, one state update per step', async () => {
    await useBackend('wasm');
    const p = params({ warmupIters: 2, groupScalingGroups: 0 });
    const c = 3;
    const state = freshState(c);
    const weight = tf.tensor1d([1.2, 0.8, 1]);
    const bias = tf.tensor1d([0.1, -0.2, 0]);
    let ref: PnState = { runningPhi: [1, 1, 1], emaGz: [0, 0, 0], iters: 0 };
    const before = tf.memory().numTensors;
    const rng = createRng(5);
    for (let step = 1; step <= 5; step++) {
      const xData = Array.from({ length: 8 * c }, () => rng.normal() * (1 + step));
      const cotData = Array.from({ length: 8 * c }, () => rng.normal());
      const x = tf.tensor2d(xData, [8, c]);
      const cot = tf.tensor2d(cotData, [8, c]);
      let y: tfc.Tensor | undefined;
      const [dx] = tf.grads((xi: tfc.Tensor) => {
        y = tf.keep(powerNormLowering.apply!({ x: xi }, ctxFor(p, state, { weight, bias }, true, step)).y!);
        return tf.sum(tf.mul(y, cot));
      })([x]);
      const r = pnTrain(p, xData, c, [1.2, 0.8, 1], [0.1, -0.2, 0], ref, cotData);
      ref = r.after;
      expect(maxErr(read(y!), r.y), `y at step ${step}`).toBeLessThan(1e-4);
      expect(maxErr(read(dx!), r.dx), `dx at step ${step}`).toBeLessThan(1e-4);
      expect(maxErr(read(state.runningPhi!), ref.runningPhi), `runningPhi at step ${step}`).toBeLessThan(1e-4 * (1 + step) ** 2);
      expect(maxErr(read(state.emaGz!), ref.emaGz), `emaGz at step ${step}`).toBeLessThan(1e-4);
      expect(read(state.iters!)).toEqual([step]);
      tf.dispose([x, cot, y!, dx!]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([weight, bias, ...Object.values(state)]);
  });

  it('eval leaves the state alone; a training forward without backward advances iters and runningPhi only', async () => {
    await useBackend('cpu');
    const p = params({ warmupIters: 5, groupScalingGroups: 0 });
    const state = freshState(3);
    const x = tf.tensor2d([1, 2, 3, -1, 0.5, 2], [2, 3]);
    tf.tidy(() => powerNormLowering.apply!({ x }, ctxFor(p, state, { weight: tf.ones([3]), bias: tf.zeros([3]) }, false, 0)));
    expect(read(state.iters!)).toEqual([0]);
    expect(read(state.runningPhi!)).toEqual([1, 1, 1]);
    tf.tidy(() => powerNormLowering.apply!({ x }, ctxFor(p, state, { weight: tf.ones([3]), bias: tf.zeros([3]) }, true, 1)));
    expect(read(state.iters!)).toEqual([1]);
    // t = 1: runningPhi = var exactly (cumulative average), then the EMA keeps it there
    expect(maxErr(read(state.runningPhi!), [1, 2.125, 6.5])).toBeLessThan(1e-5);
    expect(read(state.emaGz!)).toEqual([0, 0, 0]);
    tf.dispose([x, ...Object.values(state)]);
  });

  it('infer names the param when the groups do not divide the channels, and declares the state', () => {
    const bad = params({ groupScalingGroups: 2 });
    expect(() => powerNormSpec.infer({ params: bad, inputs: { x: tensorValue([null, 3]) }, fail: makeFail() })).toThrow(/groupScalingGroups 2 does not divide/);
    const ok = powerNormSpec.infer({ params: params({}), inputs: { x: tensorValue([null, 7, 4]) }, fail: makeFail() });
    expect(ok.state?.iters).toEqual({ shape: [], initial: 0, dtype: 'int32' });
    expect(ok.state?.runningPhi?.initial).toBe(1);
    expect(Object.keys(ok.weights ?? {})).toEqual(['weight', 'bias']);
    const noAffine = powerNormSpec.infer({ params: params({ affine: false }), inputs: { x: tensorValue([null, 4]) }, fail: makeFail() });
    expect(noAffine.weights).toBeUndefined();
  });
});
