/**
 * A lowering's shape bug, said in the graph's terms: when `apply` throws a tfjs shape error
 * (`Error in matMul: inner shapes (3) and (4) …`), the coded error also names the node, the
 * shapes its input ports and weights actually had, and the output port and shape its spec
 * inferred, so an author sees which of their tensors disagreed instead of tfjs text alone.
 */
import type { PlanStep } from '../compile/plan.ts';
import { errorMessage, NetwrightError } from '../sdk/errors.ts';
import { formatShape } from '../sdk/shape.ts';
import { nodeFailure } from './lowerings.ts';

/** Words tfjs uses in its shape and rank errors. */
const SHAPE_ERROR = /shape|rank|dimension|broadcast|inner|axis|size/i;

/** Anything with a shape (a tensor), keyed by port or weight name. */
type Shaped = Readonly<Record<string, { readonly shape: readonly number[] }>>;

function list(shaped: Shaped): string {
  return Object.entries(shaped)
    .map(([name, t]) => `"${name}" ${formatShape(t.shape)}`)
    .join(', ');
}

/** Whether a lowering's throw is a tfjs shape error (not one of the SDK's coded errors). */
export function isShapeError(e: unknown): boolean {
  return !(e instanceof NetwrightError) && SHAPE_ERROR.test(errorMessage(e));
}

/**
 * The error for a throw of node `step`'s `apply`: a shape error gets the node's actual input
 * and weight shapes and the inferred output shapes (the target names the first output port);
 * any other error is {@link nodeFailure}'s.
 */
export function applyFailure(step: PlanStep, inputs: Shaped, weights: Shaped, e: unknown): NetwrightError {
  const message = errorMessage(e);
  if (!isShapeError(e)) return nodeFailure(step, 'apply', e);
  const outputs = Object.entries(step.outputs).flatMap(([port, v]) => (v.kind === 'tensor' ? [{ port, text: `"${port}" ${v.dtype} ${formatShape(v.shape)}` }] : []));
  const got = [Object.keys(inputs).length > 0 ? `inputs ${list(inputs)}` : 'no inputs', ...(Object.keys(weights).length > 0 ? [`weights ${list(weights)}`] : [])].join(', ');
  const expected = outputs.length > 0 ? `; its spec inferred output ${outputs.map((o) => o.text).join(', ')} (? = any size)` : '';
  const first = message.split('\n')[0] ?? '';
  return new NetwrightError(
    'ENGINE_NODE_FAILED',
    `node "${step.node}" (${step.type}) failed with a shape error in its lowering: ${first}. It got ${got}${expected}: check apply() against infer()`,
    { node: step.node, ...(outputs[0] ? { port: outputs[0].port } : {}) },
  );
}
