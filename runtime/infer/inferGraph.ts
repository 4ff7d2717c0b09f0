/**
 * Shape inference over a whole graph, in topological order. Every problem becomes a coded
 * diagnostic naming its node and port or param; a node downstream of a failed, skipped or
 * placeholder node gets no values and no diagnostic of its own (no cascades).
 */
import { portsFromEdges } from '../graph/placeholders.ts';
import { topoOrder } from '../graph/topo.ts';
import type { GraphDoc, GraphEdge, GraphNode } from '../graph/types.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import type { AnyPluginSpec } from '../sdk/plugin.ts';
import { checkPortValue, type PortValue } from '../sdk/ports.ts';
import type { Registry } from '../sdk/registry.ts';
import { hasInstances, inferWithBlocks } from '../blocks/inferBlocks.ts';
import { callInfer, resolveNodeParams, type NodeInference, type NodeOutcome } from './inferNode.ts';

/** Result of {@link inferGraph}. */
export interface GraphInference {
  /** Per node: its values, or `undefined` when it failed, was skipped or is a placeholder. */
  readonly nodes: Readonly<Record<string, NodeInference | undefined>>;
  readonly diagnostics: readonly Diagnostic[];
  /** Executable nodes in topological order (stable: ties in document order). */
  readonly order: readonly string[];
  /**
   * Documents with block instances: the flattened document and its inference, which the
   * compiler uses (`nodes` and `diagnostics` above are the top-level view).
   */
  readonly flat?: { readonly doc: GraphDoc; readonly inference: GraphInference };
}

interface CacheEntry {
  readonly node: GraphNode;
  readonly spec: AnyPluginSpec;
  readonly inputs: readonly (PortValue | undefined)[];
  readonly outcome: NodeOutcome;
}

/**
 * Memo of per-node outcomes between runs. A node is re-inferred only when its document object
 * (immer keeps unchanged nodes identical), its spec or one of its input values changed, so an
 * edit re-infers only the edited node and what depends on it. Plugins' `infer` must be pure.
 */
export interface InferCache {
  readonly entries: Map<string, CacheEntry>;
  /** Resolved params by node object: unchanged nodes skip re-validation. */
  readonly params: WeakMap<
    GraphNode,
    { spec: AnyPluginSpec; resolved: ReturnType<typeof resolveNodeParams> }
  >;
}

/** A new, empty inference cache. */
export function createInferCache(): InferCache {
  return { entries: new Map(), params: new WeakMap() };
}

function err(code: string, node: GraphNode, message: string, port?: string): Diagnostic {
  return {
    code,
    severity: 'error',
    message: `node "${node.id}" (${node.type}): ${message}`,
    node: node.id,
    ...(port === undefined ? {} : { port }),
  };
}

function incomingEdges(doc: GraphDoc): Map<string, GraphEdge[]> {
  const map = new Map<string, GraphEdge[]>();
  for (const e of Object.values(doc.edges)) {
    const list = map.get(e.to.node);
    if (list) list.push(e);
    else map.set(e.to.node, [e]);
  }
  return map;
}

interface Ctx {
  readonly doc: GraphDoc;
  readonly registry: Registry;
  /** A Map, not an object: node ids like `toString` must not find inherited members. */
  readonly results: Map<string, NodeInference>;
  readonly diagnostics: Diagnostic[];
  readonly cache: InferCache | undefined;
}

/** Gathers input values; `undefined` means "skip quietly" (an upstream node has no values). */
function gatherInputs(ctx: Ctx, node: GraphNode, spec: AnyPluginSpec, edges: readonly GraphEdge[]) {
  const values: Record<string, PortValue> = {};
  let ok = true;
  let quiet = false;
  for (const e of edges) {
    if (!Object.hasOwn(spec.inputs, e.to.port)) {
      ctx.diagnostics.push(
        err('INFER_UNKNOWN_PORT', node, `plugin "${spec.id}" has no input "${e.to.port}"`, e.to.port),
      );
      ok = false;
      continue;
    }
    const source = ctx.results.get(e.from.node);
    if (!source) {
      quiet = true;
      continue;
    }
    const value = source.outputs[e.from.port];
    if (value === undefined) {
      const srcType = ctx.doc.nodes[e.from.node]?.type ?? '?';
      ctx.diagnostics.push(
        err(
          'INFER_UNKNOWN_PORT',
          node,
          `input "${e.to.port}" is linked to "${e.from.node}.${e.from.port}", but plugin "${srcType}" has no output "${e.from.port}"`,
          e.to.port,
        ),
      );
      ok = false;
      continue;
    }
    values[e.to.port] = value;
  }
  for (const [port, p] of Object.entries(spec.inputs)) {
    if (!p.optional && !edges.some((e) => e.to.port === port)) {
      ctx.diagnostics.push(err('INFER_UNCONNECTED', node, `required input "${port}" is not connected`, port));
      ok = false;
    }
  }
  return ok && !quiet ? values : ok ? 'quiet' : 'failed';
}

function checkInputs(
  node: GraphNode,
  spec: AnyPluginSpec,
  edges: readonly GraphEdge[],
  values: Record<string, PortValue>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of edges) {
    const why = checkPortValue(spec.inputs[e.to.port]!, values[e.to.port]!);
    if (why)
      out.push(
        err(
          'INFER_PORT_MISMATCH',
          node,
          `input "${e.to.port}" ${why} from "${e.from.node}.${e.from.port}"`,
          e.to.port,
        ),
      );
  }
  return out;
}

function inferOne(ctx: Ctx, node: GraphNode, spec: AnyPluginSpec, edges: readonly GraphEdge[]): void {
  const memo = ctx.cache?.params.get(node);
  const resolved = memo?.spec === spec ? memo.resolved : resolveNodeParams(node, spec);
  if (memo?.spec !== spec) ctx.cache?.params.set(node, { spec, resolved });
  if (!resolved.ok) ctx.diagnostics.push(...resolved.diagnostics);
  const gathered = gatherInputs(ctx, node, spec, edges);
  if (!resolved.ok || typeof gathered === 'string') return;
  const ports = Object.keys(spec.inputs);
  const inputList = ports.map((p) => gathered[p]);
  const cached = ctx.cache?.entries.get(node.id);
  let outcome: NodeOutcome;
  if (cached?.node === node && cached.spec === spec && cached.inputs.every((v, i) => v === inputList[i])) {
    outcome = cached.outcome;
  } else {
    const mismatches = checkInputs(node, spec, edges, gathered);
    outcome =
      mismatches.length > 0
        ? { ok: false, diagnostics: mismatches }
        : callInfer(node, spec, resolved.params, gathered);
    ctx.cache?.entries.set(node.id, { node, spec, inputs: inputList, outcome });
  }
  if (outcome.ok) ctx.results.set(node.id, outcome.result);
  else ctx.diagnostics.push(...outcome.diagnostics);
}

/**
 * Infers output values, weights, state, param counts and FLOPs for every node.
 * Never throws because of a plugin: failures become diagnostics on their node.
 * @param cache - pass the same cache between runs to re-infer only what changed.
 */
export function inferGraph(doc: GraphDoc, registry: Registry, cache?: InferCache): GraphInference {
  if (hasInstances(doc)) return inferWithBlocks(doc, registry, inferFlatGraph, cache);
  return inferFlatGraph(doc, registry, cache);
}

/** {@link inferGraph} of a document without block instances. */
function inferFlatGraph(doc: GraphDoc, registry: Registry, cache?: InferCache): GraphInference {
  const ctx: Ctx = { doc, registry, results: new Map(), diagnostics: [], cache };
  const topo = topoOrder(doc);
  const incoming = incomingEdges(doc);
  for (const id of topo.order) {
    const node = doc.nodes[id]!;
    if (Object.hasOwn(doc.placeholders, id)) {
      const ports = portsFromEdges(doc, id);
      ctx.diagnostics.push({
        code: 'INFER_PLACEHOLDER',
        severity: 'warning',
        message: `node "${id}": plugin "${node.type}" is not installed; the node is kept as a placeholder (ports ${[...ports.inputs, ...ports.outputs].join(', ') || 'none'}) and nothing after it can be inferred`,
        node: id,
      });
      continue;
    }
    const spec = registry.get(node.type);
    if (!spec) {
      ctx.diagnostics.push(err('INFER_UNKNOWN_PLUGIN', node, `plugin "${node.type}" is not registered`));
      continue;
    }
    inferOne(ctx, node, spec, incoming.get(id) ?? []);
  }
  for (const cycle of topo.cycles) {
    const names = cycle.map((n) => `"${n}"`).join(', ');
    for (const id of cycle) {
      ctx.diagnostics.push({
        code: 'INFER_CYCLE',
        severity: 'error',
        message: `node "${id}" is on a cycle: nodes ${names} feed each other`,
        node: id,
      });
    }
  }
  if (cache)
    for (const id of cache.entries.keys()) if (!Object.hasOwn(doc.nodes, id)) cache.entries.delete(id);
  const nodes: Record<string, NodeInference | undefined> = {};
  for (const id of Object.keys(doc.nodes)) nodes[id] = ctx.results.get(id);
  return { nodes, diagnostics: ctx.diagnostics, order: topo.order };
}
