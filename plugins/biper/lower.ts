/**
 * BiPer layers, executable half (spec §4–§5). Two `tf.customGrad` surrogates: the square wave
 * sign(sin(ω₀w)) with the sine's derivative ω₀cos(ω₀w), and the activation sign with the
 * ApproxSign derivative relu(2 − 2|x|). The per-sample normalisation before the sign is left
 * to autodiff. The optional sin regulariser (§6) is added to the kernel gradient by the
 * `transformGradients` hook. Every sin and cos takes its phase reduced to [−π, π] (phase.ts).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering, type ApplyContext, type InitContext, type LoweringHooks, type TensorMap } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import type { ParamDescriptors, ParamValues } from '../../runtime/sdk/index.ts';
import { conv2dNative } from '../_shared/convGrad.ts';
import { cosOfPhase, sinOfPhase } from './phase.ts';
import { biperConv2dSpec, biperDenseSpec } from './spec.ts';

/** The params every BiPer layer has. */
type BiperParams = ParamValues<typeof biperDenseSpec.params>;
type Common = Omit<BiperParams, 'units'>;

/** An elementwise op: forward `value(x)`, backward the surrogate `dy·slope(x)`. */
function withSurrogate(value: (x: tfc.Tensor) => tfc.Tensor, slope: (x: tfc.Tensor) => tfc.Tensor): (x: tfc.Tensor) => tfc.Tensor {
  return tf.customGrad((...args: (tfc.Tensor | tfc.GradSaveFunc)[]) => {
    const [xIn, save] = args as [tfc.Tensor, tfc.GradSaveFunc];
    save([xIn]);
    return {
      value: value(xIn),
      gradFunc: (dy: tfc.Tensor | tfc.Tensor[], saved: tfc.Tensor[]) => tf.mul(dy as tfc.Tensor, slope(saved[0]!)),
    };
  });
}

/** sign(sin(f·w)) forward, f·cos(f·w) backward. */
function squareWave(w: tfc.Tensor, freq: number): tfc.Tensor {
  return withSurrogate(
    (v) => tf.sign(sinOfPhase(v, freq)),
    (v) => tf.mul(cosOfPhase(v, freq), freq),
  )(w);
}

/** sign(w) forward, clipped straight-through backward dy·1{|w| ≤ 1} (the sign + STE baseline). */
function signSte(w: tfc.Tensor): tfc.Tensor {
  return withSurrogate(tf.sign, (v) => tf.cast(tf.lessEqual(tf.abs(v), 1), 'float32'))(w);
}

/** sign(x) forward, ApproxSign relu(2 − 2|x|) backward. */
function approxSign(x: tfc.Tensor): tfc.Tensor {
  return withSurrogate(tf.sign, (v) => tf.relu(tf.sub(2, tf.mul(tf.abs(v), 2))))(x);
}

/** Whether this call uses the square wave: `stage1Steps` > 0 overrides `weightMode`. */
export function usesSquareWave(p: Common, training: boolean, step: number): boolean {
  if (p.stage1Steps > 0) return !(training && step <= p.stage1Steps);
  return p.weightMode === 'square';
}

/** Per-sample normalisation a / sqrt(unbiased var over non-batch axes + eps). */
function perSampleNorm(a: tfc.Tensor, eps: number): tfc.Tensor {
  const axes = [...Array(a.rank).keys()].slice(1);
  const n = a.shape.slice(1).reduce((x, y) => x * y, 1);
  const { variance } = tf.moments(a, axes, true);
  const unbiased = tf.mul(variance, n / Math.max(n - 1, 1));
  return tf.div(a, tf.sqrt(tf.add(unbiased, eps)));
}

interface Parts {
  readonly ba: tfc.Tensor;
  readonly bw: tfc.Tensor;
}

function binarise(inputs: TensorMap, ctx: ApplyContext<ParamDescriptors> & { params: Common }): Parts {
  const a = inputs.x;
  if (!a) throw new Error(`biper node "${ctx.nodeId}": input x is not connected`);
  const kernel = ctx.weights.kernel;
  if (!kernel) throw new Error(`biper node "${ctx.nodeId}": weight "kernel" is missing`);
  const p = ctx.params;
  const ste = p.weightMode === 'ste' && p.stage1Steps === 0;
  const square = !ste && usesSquareWave(p, ctx.training, ctx.step);
  const bw = ste ? signSte(kernel) : square ? squareWave(kernel, p.freq) : sinOfPhase(kernel, p.freq);
  let ba = a;
  if (p.binarizeInput) {
    const a0 = ctx.training && p.inputNormInTraining ? perSampleNorm(a, p.normEps) : a;
    ba = approxSign(a0);
  }
  if (ctx.training && !ste) {
    // quantisation error of spec §7: mean |sin(ω₀w) − sign(sin(ω₀w))|
    const s = sinOfPhase(kernel, p.freq);
    ctx.report('quantisationError', tf.mean<tfc.Scalar>(tf.abs(tf.sub(s, tf.sign(s)))));
  }
  return { ba, bw };
}

function scaled(pre: tfc.Tensor, ctx: { nodeId: string; weights: Readonly<Record<string, tfc.Tensor>> }): tfc.Tensor {
  const alpha = ctx.weights.alpha;
  if (!alpha) throw new Error(`biper node "${ctx.nodeId}": weight "alpha" is missing`);
  return tf.mul(pre, alpha);
}

/** He-normal kernel (std sqrt(2/fanIn), untruncated) as the released code's kaiming_normal_. */
function initKernel<P extends ParamDescriptors>(ctx: InitContext<P>): Record<string, Float32Array> {
  const shape = ctx.shapes.weights?.kernel?.shape;
  if (!shape) return {};
  const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const rng = ctx.rng.fork('kernel');
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal() * Math.sqrt(2 / fanIn);
  return { kernel: data };
}

/** Adds the gradient of τ·mean(sin²(ω₀w)), i.e. τ·ω₀·sin(2ω₀w)/numel, to the kernel's. */
function sinRegHooks<P extends ParamDescriptors>(): LoweringHooks<P> {
  return {
    transformGradients(grads, ctx) {
      const { sinRegTau: tau, freq } = ctx.params as unknown as Pick<BiperParams, 'sinRegTau' | 'freq'>;
      const key = `${ctx.nodeId}/kernel`;
      const g = grads[key];
      const w = ctx.weightsOf(ctx.nodeId)?.kernel;
      if (tau === 0 || !g || !w) return grads;
      const extra = tf.tidy(() => tf.add(g, tf.mul(sinOfPhase(w, 2 * freq), (tau * freq) / w.size)));
      return { ...grads, [key]: extra };
    },
  };
}

/** Lowering of `biper-dense`. */
export const biperDenseLowering = defineLowering(biperDenseSpec, {
  id: biperDenseSpec.id,
  initWeights: initKernel,
  apply(inputs, ctx) {
    const { ba, bw } = binarise(inputs, ctx);
    return { y: scaled(tf.matMul(ba, bw), ctx) };
  },
  hooks: sinRegHooks(),
});

/** Lowering of `biper-conv2d` (NHWC; 'same' pads the binarised input with zeros). */
export const biperConv2dLowering = defineLowering(biperConv2dSpec, {
  id: biperConv2dSpec.id,
  initWeights: initKernel,
  apply(inputs, ctx) {
    const { ba, bw } = binarise(inputs, ctx);
    const { strides, padding } = ctx.params;
    const pre = conv2dNative(ba as tfc.Tensor4D, bw as tfc.Tensor4D, [strides[0] ?? 1, strides[1] ?? 1], padding);
    return { y: scaled(pre, ctx) };
  },
  hooks: sinRegHooks(),
});
