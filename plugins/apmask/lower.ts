/**
 * AP mask, executable half. `apply` returns the batch DNR and, in training, adds the dead
 * counts to the node's window counters; the hooks in `hooks.ts` keep the masks applied and run the pruning
 * cycles; `calls` expose the pure procedures `dnr` and `pruneCycle` to fixtures.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering, type TensorMap } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import { apHooks } from './hooks.ts';
import { deadCount, dnrOf, pruneEvent } from './prune.ts';
import { apMaskSpec, Z_PORTS } from './spec.ts';

/** Tensors named `<prefix>.<i>`, i = 0, 1, … without gaps, in index order. */
function indexed(inputs: TensorMap, prefix: string): tfc.Tensor[] {
  const out: tfc.Tensor[] = [];
  for (let i = 0; ; i++) {
    const t = inputs[`${prefix}.${i}`];
    if (!t) break;
    out.push(t);
  }
  return out;
}

/** Lowering of `apmask`. */
export const apMaskLowering = defineLowering(apMaskSpec, {
  id: apMaskSpec.id,
  apply(inputs, ctx) {
    const dead = ctx.state.deadCounts;
    const total = ctx.state.totalCounts;
    if (!dead || !total) throw new Error(`apmask node "${ctx.nodeId}": state counters are missing`);
    const deadNow: tfc.Tensor[] = [];
    const totalNow: number[] = [];
    for (const port of Z_PORTS) {
      const z = inputs[port];
      deadNow.push(z ? tf.sum(tf.cast(tf.lessEqual(z, 0), 'float32')) : tf.scalar(0));
      totalNow.push(z ? z.size : 0);
    }
    const d = tf.stack(deadNow);
    if (ctx.training) {
      // dynamic-DNR window counters (read and reset by afterStep at the end of each window)
      dead.assign(tf.add(dead, d));
      total.assign(tf.add(total, tf.tensor1d(totalNow)));
    }
    const sumTotal = totalNow.reduce((a, b) => a + b, 0);
    return { value: sumTotal > 0 ? tf.div(tf.sum(d), sumTotal) : tf.scalar(0) };
  },
  calls: {
    /** Inputs `z.0`, `z.1`, …: outputs `perLayer` [n] and the pooled `overall` []. */
    dnr(_params, inputs) {
      const zs = indexed(inputs, 'z');
      // eslint-disable-next-line no-restricted-properties -- a fixture call (plugin-check), never on a training path; the hooks read with ctx.read
      const { perLayer, overall } = dnrOf(zs.map((z) => deadCount(z.dataSync())));
      // Ratios of counts are exact in float64; returning host tensors keeps them so.
      return { perLayer: { shape: [perLayer.length], data: perLayer }, overall: { shape: [], data: [overall] } };
    },
    /** Inputs `kernel.i`, `kernelStart.i`, `mask.i`: outputs `mask.i` after base pruning and AP. */
    pruneCycle(params, inputs) {
      const kernels = indexed(inputs, 'kernel');
      const layers = kernels.map((k, i) => {
        const start = inputs[`kernelStart.${i}`];
        const mask = inputs[`mask.${i}`];
        if (!start || !mask) throw new Error(`pruneCycle: inputs kernelStart.${i} and mask.${i} are required`);
        // eslint-disable-next-line no-restricted-properties -- a fixture call (plugin-check), never on a training path; the hooks read with ctx.read
        return { kernel: k.dataSync(), start: start.dataSync(), mask: mask.dataSync() };
      });
      const res = pruneEvent(layers, {
        pruneRate: params.pruneRate,
        apRate: params.apRate,
        scope: params.scope,
      });
      const out: TensorMap = {};
      res.masks.forEach((m, i) => (out[`mask.${i}`] = tf.tensor(Float32Array.from(m), kernels[i]!.shape)));
      return out;
    },
  },
  hooks: apHooks,
});
