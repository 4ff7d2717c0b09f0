/**
 * The engine's lowerings registry: the lowerings of a run indexed by plugin id, and the one
 * coded error every lowering call site wraps a throw in.
 */
import type { PlanStep } from '../compile/plan.ts';
import type { AnyPluginLowering } from '../lower/lowering.ts';
import { errorMessage, NetwrightError } from '../sdk/errors.ts';

/** Lowerings by plugin id. */
export type LoweringMap = ReadonlyMap<string, AnyPluginLowering>;

/** Indexes lowerings by id; a duplicate id is an error naming it. */
export function indexLowerings(list: readonly AnyPluginLowering[]): LoweringMap {
  const map = new Map<string, AnyPluginLowering>();
  for (const l of list) {
    if (map.has(l.id)) throw new NetwrightError('ENGINE_DUPLICATE_LOWERING', `duplicate lowering for plugin "${l.id}"`);
    map.set(l.id, l);
  }
  return map;
}

/** Wraps an error thrown by a lowering into a coded error naming the node and what failed. */
export function nodeFailure(step: PlanStep, what: string, e: unknown): NetwrightError {
  if (e instanceof NetwrightError && e.target.node === step.node) return e;
  const message = errorMessage(e);
  const where = what === 'apply' ? '' : ` in ${what}`;
  return new NetwrightError('ENGINE_NODE_FAILED', `node "${step.node}" (${step.type}) failed${where}: ${message}`, {
    node: step.node,
  });
}
