/**
 * Inference of one node: resolve params, call the plugin's `infer`, check what it returned.
 * A plugin that throws, or returns something malformed, becomes a diagnostic on its node;
 * nothing a plugin does can break the caller.
 */
import type { GraphNode } from '../graph/types.ts';
import { errorMessage, InferError, type Diagnostic, type DiagnosticTarget } from '../sdk/errors.ts';
import { resolveParams, type ParamValue } from '../sdk/params.ts';
import {
  makeFail,
  type AnyPluginSpec,
  type InferResult,
  type StateSpec,
  type WeightSpec,
} from '../sdk/plugin.ts';
import { checkPortValue, type PortValue } from '../sdk/ports.ts';

/** What inference knows about one node. Plain data. */
export interface NodeInference {
  /** A value for every output port. */
  readonly outputs: Readonly<Record<string, PortValue>>;
  readonly weights: Readonly<Record<string, WeightSpec>>;
  readonly state: Readonly<Record<string, StateSpec>>;
  /** Elements in all weights (trainable or not). */
  readonly paramCount: number;
  /** Forward FLOPs per example, when the plugin says. */
  readonly flops: number | undefined;
  /** Resolved params: defaults filled in. */
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** Outcome of inferring one node: a result, or the diagnostics that stopped it. */
export type NodeOutcome =
  | { readonly ok: true; readonly result: NodeInference }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

function diag(code: string, node: GraphNode, message: string, target: DiagnosticTarget = {}): Diagnostic {
  return {
    code,
    severity: 'error',
    message: `node "${node.id}" (${node.type}): ${message}`,
    ...target,
    node: node.id,
  };
}

/** Resolves a node's params against its spec; issues become `INFER_BAD_PARAM` diagnostics. */
export function resolveNodeParams(
  node: GraphNode,
  spec: AnyPluginSpec,
): { ok: true; params: Record<string, ParamValue> } | { ok: false; diagnostics: Diagnostic[] } {
  const r = resolveParams(spec.params, node.params);
  if (r.ok) return { ok: true, params: r.values };
  return {
    ok: false,
    diagnostics: r.issues.map((i) => diag('INFER_BAD_PARAM', node, i.message, { param: i.param })),
  };
}

function isDim(d: unknown): boolean {
  return d === null || (typeof d === 'number' && Number.isInteger(d) && d >= 0);
}

/** Checks a plugin's `infer` result against its own declaration. */
function checkResult(node: GraphNode, spec: AnyPluginSpec, result: unknown): Diagnostic | undefined {
  const bad = (what: string): Diagnostic =>
    diag('INFER_BAD_RESULT', node, `plugin "${spec.id}" infer ${what}`);
  if (typeof result !== 'object' || result === null) return bad('returned no result object');
  const r = result as Partial<InferResult>;
  if (typeof r.outputs !== 'object') return bad('returned no "outputs"');
  for (const [port, portSpec] of Object.entries(spec.outputs)) {
    const v = r.outputs[port];
    if (v === undefined) return bad(`returned no value for output "${port}"`);
    if (v.kind === 'tensor' && (!Array.isArray(v.shape) || !v.shape.every(isDim))) {
      return bad(`returned a bad shape for output "${port}"`);
    }
    const why = checkPortValue(portSpec, v);
    if (why) return bad(`output "${port}" ${why} (does not match its own port declaration)`);
  }
  for (const [name, w] of Object.entries(r.weights ?? {})) {
    if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      return bad(`returned weight "${name}" without a concrete shape`);
    }
  }
  if (r.flops !== undefined && !Number.isFinite(r.flops)) return bad('returned non-finite flops');
  return undefined;
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Calls the spec's `infer` with resolved params and input values, containing any failure.
 * An {@link InferError} keeps its port/param; any other exception is a plugin bug.
 */
export function callInfer(
  node: GraphNode,
  spec: AnyPluginSpec,
  params: Record<string, ParamValue>,
  inputs: Record<string, PortValue>,
): NodeOutcome {
  let result: InferResult;
  try {
    result = spec.infer({ params, inputs, fail: makeFail() });
  } catch (e) {
    if (e instanceof InferError) {
      const { port, param } = e.target;
      const failed = diag('INFER_FAILED', node, e.message, { ...(port ? { port } : {}), ...(param ? { param } : {}) });
      return { ok: false, diagnostics: [e.fix ? { ...failed, fix: e.fix } : failed] };
    }
    const why = errorMessage(e);
    return {
      ok: false,
      diagnostics: [diag('INFER_PLUGIN_THREW', node, `plugin "${spec.id}" failed in infer: ${why}`)],
    };
  }
  const bad = checkResult(node, spec, result);
  if (bad) return { ok: false, diagnostics: [bad] };
  const weights = result.weights ?? {};
  let paramCount = 0;
  for (const w of Object.values(weights)) paramCount += size(w.shape);
  return {
    ok: true,
    result: {
      outputs: result.outputs,
      weights,
      state: result.state ?? {},
      paramCount,
      flops: result.flops,
      params,
    },
  };
}
