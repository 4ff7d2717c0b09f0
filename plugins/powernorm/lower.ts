/**
 * PowerNorm, executable half. The training forward and its approximate backward (spec §4–§5)
 * are one `tf.customGrad`: the forward assigns `iters` and `runningPhi`, the gradient function
 * assigns `emaGz`, so each training step (one forward + one backward) updates the state
 * exactly once. Every branch on the step (warm-up) is a tensor `where`, never a read-back, so
 * a step costs no GPU sync.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { defineLowering, type ApplyContext } from '../../runtime/exec/sdk.ts';
import { tf } from '../../runtime/exec/tf.ts';
import type { ParamValues } from '../../runtime/sdk/index.ts';
import { powerNormSpec } from './spec.ts';

type Params = ParamValues<typeof powerNormSpec.params>;
type Ctx = ApplyContext<typeof powerNormSpec.params>;

function stateVar(ctx: Ctx, name: 'runningPhi' | 'emaGz' | 'iters'): tfc.Variable {
  const v = ctx.state[name];
  if (!v) throw new Error(`powernorm node "${ctx.nodeId}": state "${name}" is missing`);
  return v;
}

/** GroupScaling1D: each position divided by the RMS of its channel group (exact autodiff). */
function groupScale(x: tfc.Tensor, p: Params): tfc.Tensor {
  const g = p.groupScalingGroups;
  if (g === 0) return x;
  const c = x.shape[x.shape.length - 1]!;
  const grouped = tf.reshape(x, [-1, g, c / g]);
  const s = tf.add(tf.mean(tf.square(grouped), -1, true), p.groupScalingEps);
  return tf.reshape(tf.div(grouped, tf.sqrt(s)), x.shape);
}

/** Sums over every leading axis: [..., C] → [C]. */
function sumLeading(t: tfc.Tensor): tfc.Tensor {
  return tf.sum(t, [...Array(t.rank - 1).keys()]);
}

function affineOut(z: tfc.Tensor, w: tfc.Tensor | undefined, b: tfc.Tensor | undefined): tfc.Tensor {
  return w && b ? tf.add(tf.mul(z, w), b) : z;
}

/** Training forward (state updates in the forward) with the approximate backward. */
function trainForward(xt: tfc.Tensor, ctx: Ctx): tfc.Tensor {
  const p = ctx.params;
  const c = xt.shape[xt.shape.length - 1]!;
  const runningPhi = stateVar(ctx, 'runningPhi');
  const emaGz = stateVar(ctx, 'emaGz');
  const iters = stateVar(ctx, 'iters');
  const w = p.affine ? ctx.weights.weight : undefined;
  const b = p.affine ? ctx.weights.bias : undefined;
  if (p.affine && (!w || !b)) throw new Error(`powernorm node "${ctx.nodeId}": weights "weight"/"bias" are missing`);

  const core = tf.customGrad((...args: (tfc.Tensor | tfc.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tfc.GradSaveFunc;
    const [xIn, wIn, bIn] = args.slice(0, -1) as tfc.Tensor[];
    const x2 = tf.reshape(xIn!, [-1, c]);
    const batchVar = tf.mean(tf.square(x2), 0);
    const t = tf.add(tf.cast(iters, 'float32'), 1);
    const inWarmup = tf.lessEqual(t, p.warmupIters);
    const batchDen = tf.sqrt(tf.add(batchVar, p.eps));
    const runDen = tf.sqrt(tf.add(runningPhi, p.eps)); // ψ² from before this step
    const z = tf.div(xIn!, tf.where(inWarmup, batchDen, runDen));
    const bwdScale = p.backwardScale === 'batch' ? tf.reciprocal(batchDen) : tf.reciprocal(tf.where(inWarmup, batchDen, runDen));
    // running statistic: cumulative average strictly before the end of warm-up, then the EMA
    const cumulative = tf.add(tf.mul(runningPhi, tf.div(tf.sub(t, 1), t)), tf.div(batchVar, t));
    const seeded = tf.where(tf.less(t, p.warmupIters), cumulative, runningPhi);
    runningPhi.assign(tf.add(tf.mul(seeded, p.alphaFwd), tf.mul(batchVar, 1 - p.alphaFwd)));
    iters.assign(tf.add(iters, tf.scalar(1, 'int32')));
    save([z, bwdScale]);
    return {
      value: affineOut(z, wIn, bIn),
      gradFunc: (dy: tfc.Tensor | tfc.Tensor[], saved: tfc.Tensor[]) => {
        const d = dy as tfc.Tensor;
        const [zs, scale] = saved as [tfc.Tensor, tfc.Tensor];
        const g = wIn ? tf.mul(d, wIn) : d;
        const z2 = tf.reshape(zs, [-1, c]);
        const approx = tf.sub(tf.reshape(g, [-1, c]), tf.mul(tf.mul(emaGz, 1 - p.alphaBkw), z2));
        emaGz.assign(tf.add(emaGz, tf.mean(tf.mul(approx, z2), 0)));
        const dx = tf.reshape(tf.mul(approx, scale), zs.shape);
        return wIn ? [dx, sumLeading(tf.mul(d, zs)), sumLeading(d)] : [dx];
      },
    };
  });
  return w && b ? core(xt, w, b) : core(xt);
}

/** Live diagnostics (spec §7): batch-vs-running distance and the running statistic's mean. */
function report(xt: tfc.Tensor, ctx: Ctx): void {
  const c = xt.shape[xt.shape.length - 1]!;
  const rp = stateVar(ctx, 'runningPhi');
  const batchVar = tf.mean(tf.square(tf.reshape(xt, [-1, c])), 0);
  ctx.report('batchVsRunning', tf.mean<tfc.Scalar>(tf.div(tf.abs(tf.sub(batchVar, rp)), rp)));
  ctx.report('runningPhiMean', tf.mean<tfc.Scalar>(rp));
  ctx.report('emaGzNorm', tf.norm(stateVar(ctx, 'emaGz')) as tfc.Scalar);
}

/** Lowering of `powernorm`. */
export const powerNormLowering = defineLowering(powerNormSpec, {
  id: powerNormSpec.id,
  apply(inputs, ctx) {
    const x = inputs.x;
    if (!x) throw new Error(`powernorm node "${ctx.nodeId}": input x is not connected`);
    const xt = groupScale(x, ctx.params);
    if (ctx.training) {
      report(xt, ctx);
      return { y: trainForward(xt, ctx) };
    }
    const z = tf.div(xt, tf.sqrt(tf.add(stateVar(ctx, 'runningPhi'), ctx.params.eps)));
    return { y: affineOut(z, ctx.weights.weight, ctx.weights.bias) };
  },
});
