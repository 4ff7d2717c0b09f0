/**
 * Convolution that trains on every backend. The wasm backend has no `Conv2DBackpropFilter`
 * kernel (`convGrad.ts` computes that gradient with a forward conv instead) and TF.js has no
 * gradient for dilated convolutions, which therefore run as im2col: strided slices of the
 * padded input, concatenated along channels, times the reshaped kernel. Both forms give the
 * same numbers (tested).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';
import { conv2dNative } from './convGrad.ts';

/** `count` elements of `axis` from `start` every `stride`, built from differentiable ops. */
function stridedTake(t: tfc.Tensor, axis: number, start: number, count: number, stride: number): tfc.Tensor {
  const size = t.shape[axis]!;
  const begin = t.shape.map((_, i) => (i === axis ? start : 0));
  if (stride === 1)
    return tf.slice(
      t,
      begin,
      t.shape.map((d, i) => (i === axis ? count : d)),
    );
  const need = count * stride;
  let src = t;
  if (size - start < need) {
    // Zero-pad the end so the window splits evenly; the padding lands only in dropped slots.
    const pads = t.shape.map((_, i): [number, number] => (i === axis ? [0, need - (size - start)] : [0, 0]));
    src = tf.pad(t, pads);
  }
  const window = tf.slice(
    src,
    begin,
    src.shape.map((d, i) => (i === axis ? need : d)),
  );
  const split = [...t.shape.slice(0, axis), count, stride, ...t.shape.slice(axis + 1)];
  const firsts = tf.slice(
    tf.reshape(window, split),
    split.map(() => 0),
    split.map((d, i) => (i === axis + 1 ? 1 : d)),
  );
  return tf.reshape(
    firsts,
    t.shape.map((d, i) => (i === axis ? count : d)),
  );
}

/** Geometry of a 2-D convolution over an NHWC input. */
export interface Conv2dGeometry {
  readonly strides: readonly [number, number];
  readonly dilations: readonly [number, number];
  /** Zeros added [before, after] along H and W. */
  readonly pads: readonly [readonly [number, number], readonly [number, number]];
}

/** Zero-pads the H and W axes of an NHWC tensor (returns `x` itself when there is nothing to add). */
function padSpatial(x: tfc.Tensor4D, pads: Conv2dGeometry['pads']): tfc.Tensor4D {
  const [[pt, pb], [pl, pr]] = pads;
  if (pt + pb + pl + pr === 0) return x;
  return tf.pad(x, [
    [0, 0],
    [pt, pb],
    [pl, pr],
    [0, 0],
  ]);
}

/** im2col convolution: x [B, H, W, C], kernel [kh, kw, C, F] -> [B, H', W', F]. */
export function conv2dIm2col(x: tfc.Tensor4D, kernel: tfc.Tensor4D, g: Conv2dGeometry): tfc.Tensor4D {
  const [kh, kw, c, f] = kernel.shape;
  const xp = padSpatial(x, g.pads);
  const [b, hp, wp] = xp.shape;
  const ho = Math.floor((hp - (kh - 1) * g.dilations[0] - 1) / g.strides[0]) + 1;
  const wo = Math.floor((wp - (kw - 1) * g.dilations[1] - 1) / g.strides[1]) + 1;
  const patches: tfc.Tensor[] = [];
  for (let i = 0; i < kh; i++) {
    const rows = stridedTake(xp, 1, i * g.dilations[0], ho, g.strides[0]);
    for (let j = 0; j < kw; j++) patches.push(stridedTake(rows, 2, j * g.dilations[1], wo, g.strides[1]));
  }
  const cols = patches.length === 1 ? patches[0]! : tf.concat(patches, 3);
  const y = tf.matMul(tf.reshape(cols, [b * ho * wo, kh * kw * c]), tf.reshape(kernel, [kh * kw * c, f]));
  return tf.reshape(y, [b, ho, wo, f]);
}

/**
 * 2-D convolution that trains on every backend: undilated ones run natively (`conv2dNative`
 * supplies the filter gradient where the backend lacks it); dilated ones, which TF.js cannot
 * differentiate, run as im2col.
 */
export function conv2dTrainable(x: tfc.Tensor4D, kernel: tfc.Tensor4D, g: Conv2dGeometry): tfc.Tensor4D {
  if (g.dilations[0] !== 1 || g.dilations[1] !== 1) return conv2dIm2col(x, kernel, g);
  const xp = padSpatial(x, g.pads);
  return conv2dNative(xp, kernel, g.strides, 'valid');
}
