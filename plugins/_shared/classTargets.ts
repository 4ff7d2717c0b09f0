/**
 * Shape checks shared by class-id losses and metrics: pred [..., K] logits, target [...] class
 * ids, optional mask [...] (declarative, no tfjs).
 */
import {
  shapesCompatible,
  formatShape,
  type InferContext,
  type ParamDescriptors,
  type PortSpec,
} from '../../runtime/sdk/index.ts';
import { tensorInput, tensorPort } from './ports.ts';

/** The hover text of each class-target input, in the words of the loss or metric. */
export interface ClassInputDocs {
  readonly pred: string;
  readonly target: string;
  readonly mask: string;
}

/** The inputs {@link checkClassInputs} reads: pred `[..., K]`, int32 target `[...]`, optional mask `[...]`. */
export function classInputs(docs: ClassInputDocs): { readonly pred: PortSpec; readonly target: PortSpec; readonly mask: PortSpec } {
  return {
    pred: tensorPort({ rank: { min: 2 }, doc: docs.pred }),
    target: tensorPort({ rank: { min: 1 }, dtype: 'int32', doc: docs.target }),
    mask: tensorPort({ rank: { min: 1 }, optional: true, doc: docs.mask }),
  };
}

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
