import { describe, expect, it } from 'vitest';
import type * as tfc from '@tensorflow/tfjs-core';
import type { ApplyContext, HookContext } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { tensorValue, type ParamValues } from '../../runtime/sdk/index.ts';
import { applyContextFor, resolved } from '../_shared/plugin.testkit.ts';
import { useBackend } from '../paper.testkit.ts';
import { biperDenseLowering, usesSquareWave } from './lower.ts';
import { biperDenseSpec } from './spec.ts';

type Params = ParamValues<typeof biperDenseSpec.params>;

const params = (over: Record<string, unknown>): Params => resolved(biperDenseSpec, { units: 2, ...over });

function applyCtx(p: Params, weights: Record<string, tfc.Tensor>, training: boolean, step: number, reports: Record<string, number>): ApplyContext<typeof biperDenseSpec.params> {
  const report = (name: string, v: tfc.Scalar | number): void => {
    reports[name] = typeof v === 'number' ? v : v.dataSync()[0]!;
  };
  return applyContextFor(biperDenseSpec, p, { x: tensorValue([null, 3]) }, { weights, state: {}, training, step, report });
}

describe('biper lowering', () => {
  it('stage1Steps trains with the sine for the first steps, then the square wave; evaluation uses the square wave', () => {
    const p = params({ stage1Steps: 3 });
    expect(usesSquareWave(p, true, 1)).toBe(false);
    expect(usesSquareWave(p, true, 3)).toBe(false);
    expect(usesSquareWave(p, true, 4)).toBe(true);
    expect(usesSquareWave(p, false, 0)).toBe(true);
    expect(usesSquareWave(params({ weightMode: 'sine' }), true, 100)).toBe(false);
  });

  it('reports the quantisation error mean|sin(ω₀w) − sign(sin(ω₀w))| in training, and switches weights by step', async () => {
    await useBackend('cpu');
    const kernelData = [0.01, -0.02, 0.05, 0.1, -0.07, 0.03];
    const kernel = tf.tensor2d(kernelData, [3, 2]);
    const alpha = tf.tensor1d([1, 1]);
    const x = tf.tensor2d([1, -2, 0.5], [1, 3]);
    const reports: Record<string, number> = {};
    const p = params({ stage1Steps: 2, binarizeInput: false });
    const sine = tf.tidy(() => Array.from(biperDenseLowering.apply!({ x }, applyCtx(p, { kernel, alpha }, true, 1, reports)).y!.dataSync()));
    const square = tf.tidy(() => Array.from(biperDenseLowering.apply!({ x }, applyCtx(p, { kernel, alpha }, true, 3, reports)).y!.dataSync()));
    const s = kernelData.map((w) => Math.sin(20 * w));
    const qe = s.reduce((a, v) => a + Math.abs(v - Math.sign(v)), 0) / s.length;
    expect(reports.quantisationError).toBeCloseTo(qe, 5);
    const xs = [1, -2, 0.5];
    const expectOut = (f: (w: number) => number): number[] =>
      [0, 1].map((j) => xs.reduce((a, xv, i) => a + xv * f(kernelData[i * 2 + j]!), 0));
    expectOut((w) => Math.sin(20 * w)).forEach((v, i) => { expect(sine[i]).toBeCloseTo(v, 5); });
    expectOut((w) => Math.sign(Math.sin(20 * w))).forEach((v, i) => { expect(square[i]).toBeCloseTo(v, 5); });
    tf.dispose([kernel, alpha, x]);
  });

  it("weightMode 'ste' is sign(w) forward with the clipped straight-through gradient 1{|w| ≤ 1}", async () => {
    await useBackend('cpu');
    const kernelData = [0.5, -1.5, 0.9, -0.2, 2, -0.7];
    const kernel = tf.variable(tf.tensor2d(kernelData, [3, 2]));
    const alpha = tf.tensor1d([1, 1]);
    const x = tf.tensor2d([1, -2, 0.5], [1, 3]);
    const reports: Record<string, number> = {};
    const p = params({ weightMode: 'ste', binarizeInput: false });
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(biperDenseLowering.apply!({ x }, applyCtx(p, { kernel, alpha }, true, 1, reports)).y!), [kernel]);
    const xs = [1, -2, 0.5];
    const y = [0, 1].reduce((a, j) => a + xs.reduce((b, xv, i) => b + xv * Math.sign(kernelData[i * 2 + j]!), 0), 0);
    expect(value.dataSync()[0]).toBeCloseTo(y, 5);
    // d sum(y) / d w_ij = x_i where |w_ij| ≤ 1, else 0
    expect(Array.from(grads[kernel.name]!.dataSync())).toEqual(kernelData.map((w, k) => (Math.abs(w) <= 1 ? xs[Math.floor(k / 2)]! : 0)));
    expect(reports.quantisationError).toBeUndefined();
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([kernel, alpha, x]);
  });

  it('sinRegTau adds τ·ω₀·sin(2ω₀w)/numel to the kernel gradient and leaks nothing', async () => {
    await useBackend('wasm');
    const p = params({ sinRegTau: 0.05 });
    const kernelData = [0.01, -0.02, 0.05, 0.1, -0.07, 0.03];
    const kernel = tf.variable(tf.tensor2d(kernelData, [3, 2]));
    const g = tf.ones([3, 2]);
    const ctx = { nodeId: 'b', params: p, weightsOf: () => ({ kernel }) } as unknown as HookContext<typeof biperDenseSpec.params>;
    const before = tf.memory().numTensors;
    const out = biperDenseLowering.hooks!.transformGradients!({ 'b/kernel': g }, ctx);
    const got = Array.from(out['b/kernel']!.dataSync());
    kernelData.forEach((w, i) => { expect(got[i]).toBeCloseTo(1 + (0.05 * 20 * Math.sin(40 * w)) / 6, 6); });
    out['b/kernel']!.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const off = biperDenseLowering.hooks!.transformGradients!({ 'b/kernel': g }, { ...ctx, params: params({}) });
    expect(off['b/kernel']).toBe(g);
    tf.dispose([kernel, g]);
  });
});
