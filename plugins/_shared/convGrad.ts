/**
 * `tf.conv2d` with a backward that runs on every backend. The tfjs wasm backend has no
 * `Conv2DBackpropFilter` kernel, so plain autodiff of a conv fails there at the first training
 * step. The forward stays `tf.conv2d` (XNNPACK on wasm); where the kernel is missing, the
 * filter gradient is computed as a dilated forward convolution (see `filterGradByConv`).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { tf } from '../../runtime/exec/tf.ts';

/** The convolution a filter gradient belongs to. */
interface ConvGeometry {
  readonly filterShape: readonly [number, number, number, number];
  readonly strides: readonly [number, number];
  readonly padding: 'same' | 'valid';
}

function filterGrad(x: tfc.Tensor4D, dy: tfc.Tensor4D, conv: ConvGeometry): tfc.Tensor4D {
  if (tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) !== undefined) {
    const { filterShape, strides, padding } = conv;
    return tf.engine().runKernel<tfc.Tensor4D>(
      'Conv2DBackpropFilter',
      { x, dy },
      { strides: [...strides], pad: padding, dataFormat: 'NHWC', filterShape: [...filterShape] },
    );
  }
  return filterGradByConv(x, dy, conv);
}

/** Leading zero padding and needed length of one input axis for the filter gradient. */
function axisPad(n: number, out: number, k: number, s: number, padding: 'same' | 'valid'): [number, number] {
  const needed = (out - 1) * s + k;
  const lead = padding === 'same' ? Math.floor(Math.max(needed - n, 0) / 2) : 0;
  return [lead, needed];
}

/**
 * dW[ky,kx,ci,co] = Σ x_pad[b, oy·s+ky, ox·s+kx, ci]·dy[b,oy,ox,co], written as a forward
 * convolution of x (channels and batch swapped) with dy as the filter, dilated by the
 * stride. Uses only the Conv2D kernel, which every backend has. (wasm's
 * Conv3DBackpropFilterV2 gives wrong results for strides > 1, so it is not used.)
 */
function filterGradByConv(x: tfc.Tensor4D, dy: tfc.Tensor4D, { filterShape, strides, padding }: ConvGeometry): tfc.Tensor4D {
  const [, h, w] = x.shape;
  const [, oh, ow] = dy.shape;
  const [kh, kw] = filterShape;
  const [padH, needH] = axisPad(h, oh, kh, strides[0], padding);
  const [padW, needW] = axisPad(w, ow, kw, strides[1], padding);
  const padded = tf.pad(x, [
    [0, 0],
    [padH, Math.max(needH - h - padH, 0)],
    [padW, Math.max(needW - w - padW, 0)],
    [0, 0],
  ]);
  const cropped = tf.slice(padded, [0, 0, 0, 0], [-1, needH, needW, -1]);
  const out = tf.conv2d(
    tf.transpose<tfc.Tensor4D>(cropped, [3, 1, 2, 0]),
    tf.transpose<tfc.Tensor4D>(dy, [1, 2, 0, 3]),
    1,
    'valid',
    'NHWC',
    [strides[0], strides[1]],
  );
  return tf.transpose(out, [1, 2, 0, 3]);
}

/**
 * A 2-D NHWC cross-correlation (as `tf.conv2d`, dilation 1) whose gradients for the input and
 * the filter work on cpu, wasm, webgl and webgpu. The one trainable native convolution of the
 * plugins: `conv.ts` uses it for every undilated conv (conv1d, conv2d), the paper layers call
 * it directly.
 */
export function conv2dNative(
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
        return [dx, filterGrad(xs, d, { filterShape: fs.shape, strides, padding })];
      },
    };
  });
  return op(x, filter);
}
