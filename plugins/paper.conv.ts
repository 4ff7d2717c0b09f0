/**
 * `tf.conv2d` with a backward that runs on every backend. The tfjs wasm backend has no
 * `Conv2DBackpropFilter` kernel, so plain autodiff of a conv fails there at the first training
 * step. The forward stays `tf.conv2d` (XNNPACK on wasm); the filter gradient falls back to the
 * depth-1 `Conv3DBackpropFilterV2` kernel, which wasm does have, and which gives the same
 * numbers (a 2-D convolution is a 3-D one with depth 1).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from '../runtime/exec/tf.ts';

function filterGrad(
  x: tfc.Tensor4D,
  dy: tfc.Tensor4D,
  filterShape: readonly [number, number, number, number],
  strides: readonly [number, number],
  padding: 'same' | 'valid',
): tfc.Tensor4D {
  if (tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) !== undefined) {
    return tf.engine().runKernel<tfc.Tensor4D>(
      'Conv2DBackpropFilter',
      { x, dy },
      { strides: [...strides], pad: padding, dataFormat: 'NHWC', filterShape: [...filterShape] },
    );
  }
  const [b, h, w, c] = x.shape;
  const [, oh, ow, oc] = dy.shape;
  const [kh, kw, inC, outC] = filterShape;
  const dw = tf.engine().runKernel<tfc.Tensor>(
    'Conv3DBackpropFilterV2',
    { x: tf.reshape(x, [b, 1, h, w, c]), dy: tf.reshape(dy, [b, 1, oh, ow, oc]) },
    { strides: [1, strides[0], strides[1]], pad: padding, filterShape: [1, kh, kw, inC, outC] },
  );
  return tf.reshape(dw, [kh, kw, inC, outC]);
}

/**
 * A 2-D NHWC cross-correlation (as `tf.conv2d`, dilation 1) whose gradients for the input and
 * the filter work on cpu, wasm, webgl and webgpu.
 */
export function conv2dTrainable(
  x: tfc.Tensor4D,
  filter: tfc.Tensor4D,
  strides: readonly [number, number],
  padding: 'same' | 'valid',
): tfc.Tensor4D {
  const op = tf.customGrad((...args: (tfc.Tensor | tfc.GradSaveFunc)[]) => {
    const [x4, f4, save] = args as [tfc.Tensor4D, tfc.Tensor4D, tfc.GradSaveFunc];
    save([x4, f4]);
    return {
      value: tf.conv2d(x4, f4, [strides[0], strides[1]], padding),
      gradFunc: (dy: tfc.Tensor | tfc.Tensor[], saved: tfc.Tensor[]) => {
        const [xs, fs] = saved as [tfc.Tensor4D, tfc.Tensor4D];
        const d = dy as tfc.Tensor4D;
        const dx = tf.conv2dTranspose(d, fs, xs.shape, [strides[0], strides[1]], padding);
        const shape = fs.shape;
        return [dx, filterGrad(xs, d, [shape[0], shape[1], shape[2], shape[3]], strides, padding)];
      },
    };
  });
  return op(x, filter);
}
