/**
 * The compiler: graph document -> execution plan (plain JSON, no tfjs). It refuses graphs with
 * errors or placeholders, orders nodes topologically (ties in document order), and records for
 * every tensor the step after which nobody reads it, so the engine can dispose it there.
 */
import type { GraphDoc, GraphEdge, JsonValue } from '../graph/types.ts';
import { hasInstances } from '../blocks/inferBlocks.ts';
import { inferGraph, type GraphInference } from '../infer/inferGraph.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import type { Registry } from '../sdk/registry.ts';
import { buildPlan, type PlanNode } from './buildPlan.ts';
import { canonicalJson } from './canonicalJson.ts';
import { sha256Hex } from './hash.ts';
import type { ExecutionPlan, TensorRef } from './plan.ts';

/** Result of {@link compileGraph}. */
export type CompileResult =
  | { readonly ok: true; readonly plan: ExecutionPlan; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Options of {@link compileGraph}. */
export interface CompileOptions {
  /** A fresh inference of the same document, to avoid inferring twice. */
  readonly inference?: GraphInference;
}

function missingPlugins(doc: GraphDoc): Diagnostic | undefined {
  const byType = new Map<string, string[]>();
  for (const id of Object.keys(doc.placeholders)) {
    const type = doc.nodes[id]?.type ?? '?';
    byType.set(type, [...(byType.get(type) ?? []), id]);
  }
  if (byType.size === 0) return undefined;
  const list = [...byType]
    .map(
      ([type, ids]) => `"${type}" (node${ids.length > 1 ? 's' : ''} ${ids.map((i) => `"${i}"`).join(', ')})`,
    )
    .join(', ');
  const first = [...byType.values()][0]![0]!;
  return {
    code: 'COMPILE_MISSING_PLUGINS',
    severity: 'error',
    message: `cannot run this graph: these plugins are not installed: ${list}. Install them, or remove those nodes`,
    node: first,
  };
}

/**
 * A stable hash of what determines the computation: node ids, plugin ids and versions, resolved
 * params, plugin data and edges. Positions, labels and meta do not count. A document with block
 * instances hashes as its flattened graph, so the hash is the plan's.
 */
export function graphHash(doc: GraphDoc, registry: Registry, inference: GraphInference): string {
  // Blocks: the hash of the flat graph, the one the plan carries.
  if (inference.flat) return graphHash(inference.flat.doc, registry, inference.flat.inference);
  const nodes = Object.keys(doc.nodes)
    .sort()
    .map((id) => {
      const n = doc.nodes[id]!;
      return [
        id,
        n.type,
        registry.get(n.type)?.version ?? null,
        inference.nodes[id]?.params ?? n.params,
        n.data ?? {},
      ];
    });
  const edges = Object.keys(doc.edges).sort();
  return sha256Hex(canonicalJson({ nodes, edges } as unknown as JsonValue));
}

/**
 * Compiles a document into an execution plan.
 * @returns the plan, or every error diagnostic that blocks it (each naming its node).
 */
export function compileGraph(doc: GraphDoc, registry: Registry, options: CompileOptions = {}): CompileResult {
  const given = options.inference ?? (hasInstances(doc) ? inferGraph(doc, registry) : undefined);
  if (given?.flat) {
    // Blocks: structural and inner errors are on the top-level view; the plan is the flat graph's.
    const errors = given.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) return { ok: false, diagnostics: errors };
    const flat = compileGraph(given.flat.doc, registry, { inference: given.flat.inference });
    return flat.ok ? { ...flat, warnings: given.diagnostics.filter((d) => d.severity === 'warning') } : flat;
  }
  const missing = missingPlugins(doc);
  if (missing) return { ok: false, diagnostics: [missing] };
  const inference = given ?? inferGraph(doc, registry);
  const errors = inference.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of Object.values(doc.edges)) incoming.set(e.to.node, [...(incoming.get(e.to.node) ?? []), e]);

  const nodes: PlanNode[] = [];
  for (const id of inference.order) {
    const node = doc.nodes[id]!;
    const spec = registry.get(node.type);
    const inferred = inference.nodes[id];
    if (!spec || !inferred) {
      return {
        ok: false,
        diagnostics: [
          {
            code: 'COMPILE_NOT_INFERRED',
            severity: 'error',
            message: `node "${id}" (${node.type}) has no inferred shapes`,
            node: id,
          },
        ],
      };
    }
    const inputs: Record<string, TensorRef> = {};
    for (const e of incoming.get(id) ?? []) inputs[e.to.port] = { node: e.from.node, port: e.from.port };
    nodes.push({
      node: id,
      type: node.type,
      role: spec.role,
      params: inferred.params,
      data: node.data ?? {},
      inputs,
      shapes: { outputs: inferred.outputs, weights: inferred.weights, state: inferred.state },
    });
  }
  const plan = buildPlan(nodes, graphHash(doc, registry, inference));
  return { ok: true, plan, warnings: inference.diagnostics.filter((d) => d.severity === 'warning') };
}
