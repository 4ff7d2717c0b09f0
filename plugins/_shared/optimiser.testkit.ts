/**
 * Test helpers for optimiser lowerings: run a rule for a few steps on plain arrays and compare
 * with a float64 reference. Used only by tests.
 */
import { tf } from '../../runtime/exec/tf.ts';
import type { AnyPluginLowering, OptimiserRule } from '../../runtime/exec/sdk.ts';
import type { AnyPluginSpec, ParamValue, WeightSpec } from '../../runtime/sdk/index.ts';
import { resolved } from './plugin.testkit.ts';

/** Builds the rule and settings of an optimiser node from params. */
export function makeOptimiser(
  spec: AnyPluginSpec,
  lowering: AnyPluginLowering,
  params: Record<string, ParamValue>,
): ReturnType<NonNullable<AnyPluginLowering['optimiser']>> {
  if (!lowering.optimiser) throw new Error(`${spec.id} has no optimiser`);
  return lowering.optimiser({
    nodeId: 'opt',
    params: resolved(spec, params),
    shapes: { outputs: {} },
    data: {},
  });
}

/**
 * Applies `rule` for `steps` steps with fixed per-step gradients to weights starting at `w0`;
 * returns the weights after each step. Disposes everything it made (not the rule).
 */
export function runRule(
  rule: OptimiserRule,
  w0: Record<string, { shape: number[]; data: number[] }>,
  gradsPerStep: Record<string, number[]>[],
  lrs: number[],
  specs?: Record<string, WeightSpec>,
): Record<string, number[]>[] {
  const vars: Record<string, tf.Variable> = {};
  for (const [k, w] of Object.entries(w0)) vars[k] = tf.tidy(() => tf.variable(tf.tensor(w.data, w.shape)));
  const history: Record<string, number[]>[] = [];
  gradsPerStep.forEach((g, s) => {
    const grads: Record<string, tf.Tensor> = {};
    for (const [k, v] of Object.entries(g)) grads[k] = tf.tensor(v, w0[k]!.shape);
    rule.apply(grads, vars, lrs[s] ?? lrs[0]!, specs);
    tf.dispose(Object.values(grads));
    const snap: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(vars)) snap[k] = Array.from(v.dataSync());
    history.push(snap);
  });
  tf.dispose(Object.values(vars));
  return history;
}
