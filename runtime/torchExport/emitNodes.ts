/**
 * The nodes of a plan with their PyTorch emitters, each with its emit context and Python
 * name. A node whose plugin has no emitter refuses the whole export, naming node and plugin.
 */
import type { ExecutionPlan, PlanStep } from '../../runtime/compile/plan.ts';
import { NetwrightError } from '../../runtime/sdk/errors.ts';
import type { AnyPluginSpec } from '../../runtime/sdk/plugin.ts';
import type { PortValue } from '../../runtime/sdk/ports.ts';
import type { Registry } from '../../runtime/sdk/registry.ts';
import type { TorchEmitContext, TorchEmitter, TorchTensorMapping } from '../../runtime/sdk/torch.ts';
import { pyIdentifiers, pyLiteral } from './pythonText.ts';

/** One node ready to emit. */
export interface EmitNode {
  readonly step: PlanStep;
  readonly spec: AnyPluginSpec;
  readonly emitter: TorchEmitter;
  readonly ctx: TorchEmitContext;
  /** The node's Python identifier (attribute of `Model`, prefix of its variables). */
  readonly py: string;
}

function inputValues(plan: ExecutionPlan, step: PlanStep): Record<string, PortValue> {
  const out: Record<string, PortValue> = {};
  for (const [port, ref] of Object.entries(step.inputs)) {
    const from = plan.steps.find((s) => s.node === ref.node)?.outputs[ref.port];
    if (from) out[port] = from;
  }
  return out;
}

/**
 * Pairs every step with its plugin's emitter.
 * @throws NetwrightError `CLI_EXPORT_NO_EMITTER` naming the first node whose plugin has none.
 */
export function emitNodes(plan: ExecutionPlan, registry: Registry): EmitNode[] {
  const names = pyIdentifiers(plan.steps.map((s) => s.node));
  const byId = new Map(plan.steps.map((s) => [s.node, s]));
  const weightSpecsOf = (id: string): PlanStep['weights'] | undefined => byId.get(id)?.weights;
  return plan.steps.map((step) => {
    const spec = registry.get(step.type);
    const emitter = spec?.torch;
    if (!spec || !emitter) {
      throw new NetwrightError(
        'CLI_EXPORT_NO_EMITTER',
        `node "${step.node}" (${step.type}): ${spec ? `plugin "${step.type}" has no PyTorch emitter` : `plugin "${step.type}" is not installed`}, so the graph cannot be exported to PyTorch`,
        { node: step.node },
      );
    }
    const ctx: TorchEmitContext = {
      node: step.node,
      role: step.role,
      params: step.params,
      inputs: inputValues(plan, step),
      outputs: step.outputs,
      weights: step.weights,
      state: step.state,
      data: step.data,
      upstream: Object.fromEntries(Object.entries(step.inputs).map(([port, ref]) => [port, ref.node])),
      weightSpecsOf,
      py: pyLiteral,
    };
    return { step, spec, emitter, ctx, py: names.get(step.node)! };
  });
}

/** Calls one of the emitter's functions, naming the node when it throws. */
export function emitted<T>(node: EmitNode, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new NetwrightError(
      'CLI_EXPORT_EMITTER',
      `node "${node.step.node}" (${node.step.type}): the PyTorch emitter's ${what} failed: ${e instanceof Error ? e.message : String(e)}`,
      { node: node.step.node },
    );
  }
}

/** The state_dict names and permutations of a node's weights (`which: 'weights'`) or state. */
export function tensorMappings(
  node: EmitNode,
  which: 'weights' | 'state',
): Record<string, TorchTensorMapping> {
  const { emitter, ctx } = node;
  const given =
    emitted(node, which, () => (which === 'weights' ? emitter.weights?.(ctx) : emitter.state?.(ctx))) ?? {};
  const out: Record<string, TorchTensorMapping> = {};
  for (const name of Object.keys(which === 'weights' ? node.step.weights : node.step.state)) {
    const m = given[name];
    out[`${node.step.node}/${name}`] = {
      name: `${node.py}.${m?.name ?? name}`,
      ...(m?.permute ? { permute: m.permute } : {}),
    };
  }
  return out;
}
