/**
 * Quadratic layers, executable half. The forward is plain tfjs and its backward is plain
 * autodiff (spec §4). ReLinear's learning-rate scales and penalties act in the optimiser via
 * the `optim` settings that `spec.ts` puts on each weight; nothing here special-cases them.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering, type ApplyContext, type InitContext, type TensorMap } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import type { ParamDescriptors } from '../../runtime/sdk/index.ts';
import { conv2dNative } from '../_shared/convGrad.ts';
import { quadraticConv2dSpec, quadraticDenseSpec } from './spec.ts';

/** He-normal (std sqrt(2/fanIn), untruncated, as torch's kaiming_normal_) for every `custom` kernel. */
function initCustom<P extends ParamDescriptors>(ctx: InitContext<P>): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const [name, w] of Object.entries(ctx.shapes.weights ?? {})) {
    if (w.init.kind !== 'custom') continue;
    const fanIn = w.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const std = Math.sqrt(2 / fanIn);
    const rng = ctx.rng.fork(name);
    const data = new Float32Array(w.shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = rng.normal() * std;
    out[name] = data;
  }
  return out;
}

function weight(ctx: { nodeId: string; weights: Readonly<Record<string, tfc.Tensor>> }, name: string): tfc.Tensor {
  const w = ctx.weights[name];
  if (!w) throw new Error(`quadratic node "${ctx.nodeId}": weight "${name}" is missing`);
  return w;
}

function input(ctx: { nodeId: string }, inputs: TensorMap): tfc.Tensor {
  const x = inputs.x;
  if (!x) throw new Error(`quadratic node "${ctx.nodeId}": input x is not connected`);
  return x;
}

/**
 * Live diagnostics of spec §6 during training: the quadratic share ‖y − r‖/‖y‖ (0 at the
 * ReLinear init) and the norms of the quadratic kernels.
 */
function reportDiagnostics<P extends ParamDescriptors>(ctx: ApplyContext<P>, y: tfc.Tensor, r: tfc.Tensor): void {
  if (!ctx.training) return;
  const share = tf.tidy(() => tf.div(tf.norm(tf.sub(y, r)), tf.add(tf.norm(y), 1e-12)));
  ctx.report('quadraticShare', share as tfc.Scalar);
  ctx.report('normWg', tf.norm(weight(ctx, 'wg')) as tfc.Scalar);
  ctx.report('normWb', tf.norm(weight(ctx, 'wb')) as tfc.Scalar);
}

/** Lowering of `quadratic-dense`. */
export const quadraticDenseLowering = defineLowering(quadraticDenseSpec, {
  id: quadraticDenseSpec.id,
  initWeights: initCustom,
  apply(inputs, ctx) {
    const x = input(ctx, inputs);
    const r = tf.add(tf.matMul(x, weight(ctx, 'wr')), weight(ctx, 'br'));
    const g = tf.add(tf.matMul(x, weight(ctx, 'wg')), weight(ctx, 'bg'));
    const q = tf.add(tf.matMul(tf.square(x), weight(ctx, 'wb')), weight(ctx, 'c'));
    const y = tf.add(tf.mul(r, g), q);
    reportDiagnostics(ctx, y, r);
    return { y };
  },
});

/** Lowering of `quadratic-conv2d` (NHWC, cross-correlation as `tf.conv2d`). */
export const quadraticConv2dLowering = defineLowering(quadraticConv2dSpec, {
  id: quadraticConv2dSpec.id,
  initWeights: initCustom,
  apply(inputs, ctx) {
    const x = input(ctx, inputs) as tfc.Tensor4D;
    // conv2dTrainable: tf.conv2d whose filter gradient also works on wasm
    const { strides, padding } = ctx.params;
    const s: [number, number] = [strides[0] ?? 1, strides[1] ?? 1];
    const conv = (v: tfc.Tensor4D, k: string): tfc.Tensor => conv2dNative(v, weight(ctx, k) as tfc.Tensor4D, s, padding);
    const r = tf.add(conv(x, 'wr'), weight(ctx, 'br'));
    const g = tf.add(conv(x, 'wg'), weight(ctx, 'bg'));
    // zero padding of x² equals padding x with zeros, then squaring: same as tf.conv2d does
    const q = tf.add(conv(tf.square(x), 'wb'), weight(ctx, 'c'));
    const y = tf.add(tf.mul(r, g), q);
    reportDiagnostics(ctx, y, r);
    return { y };
  },
});
