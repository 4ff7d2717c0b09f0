/**
 * Shape checks shared by class-id losses and metrics: pred [..., K] logits, target [...] class
 * ids, optional mask [...] (declarative, no tfjs).
 */
import {
  shapesCompatible,
  formatShape,
  type InferContext,
  type ParamDescriptors,
} from '../../runtime/sdk/index.ts';
import { tensorInput } from './ports.ts';

/** Checks pred/target/mask agree; returns K (the class count, or null when unknown). */
export function checkClassInputs(ctx: InferContext<ParamDescriptors>): number | null {
  const { inputs } = ctx;
  const pred = tensorInput(ctx, 'pred');
  const target = tensorInput(ctx, 'target');
  const lead = pred.shape.slice(0, -1);
  if (!shapesCompatible(lead, target.shape)) {
    return ctx.fail(
      `"target" ${formatShape(target.shape)} must have the shape of "pred" ${formatShape(pred.shape)} without its last (class) axis`,
      { port: 'target' },
    );
  }
  const mask = inputs.mask;
  if (mask && mask.kind === 'tensor' && !shapesCompatible(mask.shape, target.shape)) {
    return ctx.fail(
      `"mask" ${formatShape(mask.shape)} must have the shape of "target" ${formatShape(target.shape)}`,
      {
        port: 'mask',
      },
    );
  }
  const k = pred.shape[pred.shape.length - 1] ?? null;
  const classes = inputs.target?.kind === 'tensor' ? inputs.target.classes : undefined;
  if (k !== null && classes !== undefined && k !== classes) {
    return ctx.fail(
      `"pred" has ${k} classes (its last axis) but "target" holds ${classes} class ids (0..${classes - 1}): give the layer feeding "pred" ${classes} units`,
      { port: 'pred' },
      { label: `${classes} units, no activation`, upstreamOf: 'pred', params: { units: classes, activation: 'none' } },
    );
  }
  return k;
}
