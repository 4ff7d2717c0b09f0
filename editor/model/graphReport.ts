/**
 * What the editor draws from shape inference, derived from the runtime's {@link GraphInference}
 * (the one inference the store keeps, and the one a run compiles with): per node the values
 * arriving at its inputs, its outputs, param count, FLOPs and diagnostics, plus totals.
 */
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { GraphInference } from '../../runtime/infer/inferGraph.ts';
import type { Diagnostic, PortValue } from '../../runtime/sdk/index.ts';
import { costDiagnostics, graphBatchSize, machineCostBudget } from '../../runtime/infer/costBudget.ts';

/** What the editor shows of one node. */
export interface NodeReport {
  /** Output values by port; empty when the node could not be inferred. */
  readonly outputs: Readonly<Record<string, PortValue>>;
  /** Values arriving at each connected input port. */
  readonly inputs: Readonly<Record<string, PortValue>>;
  readonly paramCount: number;
  /** Forward FLOPs per example, when the plugin reports them. */
  readonly flops: number | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** What the editor shows of the whole graph. */
export interface GraphReport {
  readonly nodes: Readonly<Record<string, NodeReport>>;
  /** Node ids in topological order (nodes that cannot run last). */
  readonly order: readonly string[];
  readonly paramCount: number;
  readonly flops: number;
  readonly errorCount: number;
  readonly warningCount: number;
}

const EMPTY: Readonly<Record<string, PortValue>> = Object.freeze({});
const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/** Structural equality for plain JSON-like data (inference results). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** This machine's budget per node (the browser reports its memory in GB, rounded, when it does). */
export const EDITOR_COST_BUDGET = machineCostBudget(((globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory ?? 8) * 1024 ** 3);

function diagnosticsByNode(doc: GraphDoc, inference: GraphInference): { byNode: Map<string, Diagnostic[]>; errors: number; warnings: number } {
  const byNode = new Map<string, Diagnostic[]>();
  let errors = 0;
  let warnings = 0;
  // A node too costly for this machine is flagged here, before any run allocates it.
  const cost = costDiagnostics(doc, inference, EDITOR_COST_BUDGET, graphBatchSize(inference));
  for (const d of cost.length > 0 ? [...inference.diagnostics, ...cost] : inference.diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
    if (d.node === undefined) continue;
    const list = byNode.get(d.node);
    if (list) list.push(d);
    else byNode.set(d.node, [d]);
  }
  return { byNode, errors, warnings };
}

function inputsByNode(doc: GraphDoc, inference: GraphInference): Map<string, Record<string, PortValue>> {
  const inputs = new Map<string, Record<string, PortValue>>();
  for (const e of Object.values(doc.edges)) {
    const v = inference.nodes[e.from.node]?.outputs[e.from.port];
    if (!v) continue;
    const rec = inputs.get(e.to.node) ?? {};
    rec[e.to.port] = v;
    inputs.set(e.to.node, rec);
  }
  return inputs;
}

/**
 * The report of `inference` (an inference of `doc`). Node reports equal to those of `previous`
 * keep their identity, so only the nodes whose report changed re-render.
 */
export function reportGraph(doc: GraphDoc, inference: GraphInference, previous?: GraphReport): GraphReport {
  const { byNode, errors, warnings } = diagnosticsByNode(doc, inference);
  const inputs = inputsByNode(doc, inference);
  const nodes: Record<string, NodeReport> = {};
  let paramCount = 0;
  let flops = 0;
  for (const id of Object.keys(doc.nodes)) {
    const n = inference.nodes[id];
    paramCount += n?.paramCount ?? 0;
    flops += n?.flops ?? 0;
    const report: NodeReport = {
      outputs: n?.outputs ?? EMPTY,
      inputs: inputs.get(id) ?? EMPTY,
      paramCount: n?.paramCount ?? 0,
      flops: n?.flops,
      diagnostics: byNode.get(id) ?? NO_DIAGNOSTICS,
    };
    const prev = previous?.nodes[id];
    nodes[id] = prev && deepEqual(prev, report) ? prev : report;
  }
  const inOrder = new Set(inference.order);
  const order = [...inference.order, ...Object.keys(doc.nodes).filter((id) => !inOrder.has(id))];
  return { nodes, order, paramCount, flops, errorCount: errors, warningCount: warnings };
}
