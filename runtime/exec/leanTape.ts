/**
 * Less work for tfjs's gradient tape, with the same numbers (docs/adr/0006): tensors saved for
 * the backward pass are a second reference to their data instead of an `Identity` copy, and the
 * gradients of Add, Sub, Multiply, RealDiv and Square skip the casts of float32 to float32 and
 * the reshapes to the shape a tensor already has that tfjs 4.22's versions always run; those of
 * Sum and Mean fill their ones on the device instead of uploading them from the host, and
 * Relu's skips the cast of its float32 step.
 */
import type { DataType, GradConfig, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs';

type DataId = object;

/** The parts of tfjs 4.22's engine that save tensors for the backward pass. */
interface SavingEngine {
  saveTensorsForBackwardMode?: (tensors: Tensor[]) => Tensor[];
  state: { tensorInfo: WeakMap<DataId, { backend: { incRef?: (dataId: DataId) => void } }> };
  makeTensorFromTensorInfo(
    info: { dataId: DataId; shape: number[]; dtype: DataType },
    backend?: unknown,
  ): Tensor;
  keep<T extends Tensor>(t: T): T;
}

const engine = (): SavingEngine => tf.engine() as unknown as SavingEngine;

/**
 * A new tensor on the data of `t` (what the `Identity` kernels of cpu, webgl and webgpu
 * return, without running a kernel), or `undefined` where that cannot be done (strings,
 * complex numbers, a backend without reference counts). Safe because no kernel writes its
 * inputs in place and `Variable.assign` gives a variable new data instead of overwriting it.
 */
export function sharedData(t: Tensor): Tensor | undefined {
  if (t.dtype !== 'float32' && t.dtype !== 'int32' && t.dtype !== 'bool') return undefined;
  const e = engine();
  const backend = e.state.tensorInfo.get(t.dataId)?.backend;
  if (typeof backend?.incRef !== 'function') return undefined;
  backend.incRef(t.dataId);
  return e.makeTensorFromTensorInfo({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }, backend);
}

/**
 * Under `tf.variableGrads` tfjs saves every tensor a kernel's gradient needs as
 * `keep(clone(t))`: an `Identity` kernel per saved tensor (a fifth of a training step's
 * kernels, and a full copy on wasm) plus a tape node for the clone. The saved tensor only has to
 * outlive the forward's `tidy`; a second reference does that, and is safe because no kernel
 * writes its inputs in place.
 */
function saveTensorsByReference(): void {
  const e = engine();
  const original = e.saveTensorsForBackwardMode?.bind(e);
  if (!original) return;
  e.saveTensorsForBackwardMode = (tensors) =>
    tensors.map((t) => {
      const shared = sharedData(t);
      return shared ? e.keep(shared) : original([t])[0]!;
    });
}

const { assertAndGetBroadcastShape, getReductionAxes } = tf.broadcast_util;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** `t` as float32, without a Cast kernel when it already is. */
function asFloat(t: Tensor): Tensor {
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

/**
 * `res` (shaped like the broadcast output) summed over the axes an input of `shape` was
 * broadcast along, in `shape`. Never `dy` itself: the tape disposes a gradient when it adds a
 * second one to it, and one tensor must not stand for two gradients.
 */
function reduceTo(res: Tensor, dy: Tensor, shape: number[], outShape: number[]): Tensor {
  const axes = getReductionAxes(shape, outShape);
  const summed = axes.length > 0 ? tf.sum(res, axes) : res;
  if (!sameShape(summed.shape, shape)) return tf.reshape(summed, shape);
  return summed === dy ? (sharedData(dy) ?? tf.reshape(dy, shape)) : summed;
}

/**
 * The gradient of a reduction of x over `axis`, spread back over x's shape: dy times ones of
 * x's shape, as tfjs 4.22 does, but with the ones filled on the device (a Fill kernel) instead
 * of built on the host and uploaded at every call: 4-6x faster on wasm for a [1024, 64] input
 * (tiling dy instead, a Tile kernel, is 2-4x slower than tfjs's way there).
 */
function spread(dy: Tensor, x: Tensor, axis: unknown): Tensor {
  const axes = tf.util.parseAxisParam(axis as number | number[], x.shape);
  const expanded = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return tf.mul(sameShape(dy.shape, expanded) ? dy : tf.reshape(dy, expanded), tf.fill(x.shape, 1));
}

type GradFunc = GradConfig['gradFunc'];
type Grads = Record<string, () => Tensor>;

const binary =
  (grads: (dy: Tensor, a: Tensor, b: Tensor, outShape: number[]) => Grads): GradFunc =>
  (dy, saved) => {
    const [a, b] = saved as [Tensor, Tensor];
    return grads(dy as Tensor, a, b, assertAndGetBroadcastShape(a.shape, b.shape));
  };

/** The same math as tfjs 4.22's gradients of these kernels, in the same order, minus no-op work. */
const LEAN: Record<string, GradFunc> = {
  Add: binary((dy, a, b, out) => ({
    a: () => reduceTo(dy, dy, a.shape, out),
    b: () => reduceTo(dy, dy, b.shape, out),
  })),
  Sub: binary((dy, a, b, out) => ({
    a: () => reduceTo(dy, dy, a.shape, out),
    b: () => tf.neg(reduceTo(dy, dy, b.shape, out)),
  })),
  Multiply: binary((dy, a, b, out) => ({
    a: () => reduceTo(tf.mul(dy, asFloat(b)), dy, a.shape, out),
    b: () => reduceTo(tf.mul(dy, asFloat(a)), dy, b.shape, out),
  })),
  RealDiv: binary((dy, a, b, out) => ({
    a: () => reduceTo(tf.div(dy, asFloat(b)), dy, a.shape, out),
    b: () => tf.neg(tf.div(reduceTo(tf.mul(dy, asFloat(a)), dy, b.shape, out), asFloat(tf.square(b)))),
  })),
  Square: (dy, saved) => ({ x: () => tf.mul(dy as Tensor, tf.mul(asFloat(saved[0]!), 2)) }),
  Relu: (dy, saved) => ({ x: () => tf.mul(dy as Tensor, asFloat(tf.step(saved[0]!))) }),
  // Mean divides dy before spreading it, not after: (dy/n)·1 = (dy·1)/n exactly.
  Sum: (dy, saved, attrs) => ({ x: () => spread(dy as Tensor, saved[0]!, attrs.axis) }),
  Mean: (dy, saved, attrs) => {
    const x = saved[0]!;
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const n = axes.reduce((p, a) => p * x.shape[a]!, 1);
    return { x: () => spread(tf.div(dy as Tensor, n), x, attrs.axis) };
  },
};

let installed = false;

/** Installs both changes once (from runtime/exec/tf.ts, like the kernel replacements). */
export function installLeanTape(): void {
  if (installed) return;
  installed = true;
  saveTensorsByReference();
  for (const [kernelName, gradFunc] of Object.entries(LEAN)) {
    const stock: GradConfig | undefined = tf.getGradient(kernelName);
    if (stock) tf.registerGradient({ ...stock, gradFunc });
  }
}
