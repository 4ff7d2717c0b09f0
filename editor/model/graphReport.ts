/**
 * ADAPTER: shape inference over the whole graph, via runtime/infer (inferGraph with its
 * per-node cache), reshaped into what the editor draws: per node outputs, the values arriving
 * at its inputs, param count, FLOPs and its diagnostics, plus totals.
 */
import { createInferCache, inferGraph, type InferCache } from '../../runtime/infer/inferGraph.ts';
import type { GraphDoc } from '../../runtime/graph/types.ts';
import type { Diagnostic, PortValue, Registry } from '../../runtime/sdk/index.ts';

/** What inference learned about one node. */
export interface NodeInference {
  /** Output values by port; empty when the node could not be inferred. */
  readonly outputs: Readonly<Record<string, PortValue>>;
  /** Values arriving at each connected input port. */
  readonly inputs: Readonly<Record<string, PortValue>>;
  readonly paramCount: number;
  /** Forward FLOPs per example, when the plugin reports them. */
  readonly flops: number | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** Inference over the whole graph. */
export interface GraphInference {
  readonly nodes: Readonly<Record<string, NodeInference>>;
  /** Node ids in topological order (nodes that cannot run last). */
  readonly order: readonly string[];
  readonly paramCount: number;
  readonly flops: number;
  readonly errorCount: number;
  readonly warningCount: number;
}

const EMPTY: Readonly<Record<string, PortValue>> = Object.freeze({});
const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/** An inference function that keeps runtime/infer's cache between calls (edit one node, re-infer one node). */
export function createGraphInferrer(registry: Registry): (doc: GraphDoc) => GraphInference {
  const cache: InferCache = createInferCache();
  return (doc) => inferDoc(doc, registry, cache);
}

/** Infers every node of a document against a registry. Never throws. */
export function inferDoc(doc: GraphDoc, registry: Registry, cache?: InferCache): GraphInference {
  const r = inferGraph(doc, registry, cache);
  const byNode = new Map<string, Diagnostic[]>();
  let errorCount = 0;
  let warningCount = 0;
  for (const d of r.diagnostics) {
    if (d.severity === 'error') errorCount++;
    else warningCount++;
    if (d.node === undefined) continue;
    const list = byNode.get(d.node);
    if (list) list.push(d);
    else byNode.set(d.node, [d]);
  }
  const inputs = new Map<string, Record<string, PortValue>>();
  for (const e of Object.values(doc.edges)) {
    const v = r.nodes[e.from.node]?.outputs[e.from.port];
    if (!v) continue;
    const rec = inputs.get(e.to.node) ?? {};
    rec[e.to.port] = v;
    inputs.set(e.to.node, rec);
  }
  const nodes: Record<string, NodeInference> = {};
  let paramCount = 0;
  let flops = 0;
  for (const id of Object.keys(doc.nodes)) {
    const n = r.nodes[id];
    paramCount += n?.paramCount ?? 0;
    flops += n?.flops ?? 0;
    nodes[id] = {
      outputs: n?.outputs ?? EMPTY,
      inputs: inputs.get(id) ?? EMPTY,
      paramCount: n?.paramCount ?? 0,
      flops: n?.flops,
      diagnostics: byNode.get(id) ?? NO_DIAGNOSTICS,
    };
  }
  const inOrder = new Set(r.order);
  const order = [...r.order, ...Object.keys(doc.nodes).filter((id) => !inOrder.has(id))];
  return { nodes, order, paramCount, flops, errorCount, warningCount };
}
