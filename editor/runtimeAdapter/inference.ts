/**
 * ADAPTER: shape inference over the whole graph. runtime/infer (inferGraph) is being written;
 * until it lands this stand-in calls each plugin's `infer` in topological order with the same
 * documented result: per node output values, param count, FLOPs and diagnostics naming the
 * node/port/param. Switching means mapping runtime/infer's result onto {@link GraphInference}.
 */
import type { GraphDoc } from '../../runtime/graph/types.ts';
import {
  checkPortValue,
  InferError,
  makeFail,
  resolveParams,
  shapeSize,
  type Diagnostic,
  type PortValue,
  type Registry,
} from '../../runtime/sdk/index.ts';

/** What inference learned about one node. */
export interface NodeInference {
  /** Output values by port; a port is absent when it could not be inferred. */
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
  /** Node ids in topological order (nodes on cycles last). */
  readonly order: readonly string[];
  readonly paramCount: number;
  readonly flops: number;
  readonly errorCount: number;
  readonly warningCount: number;
}

const EMPTY: Readonly<Record<string, PortValue>> = Object.freeze({});

function topoOrder(doc: GraphDoc): { order: string[]; cyclic: Set<string> } {
  const indeg = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const id of Object.keys(doc.nodes)) indeg.set(id, 0);
  for (const e of Object.values(doc.edges)) {
    if (!indeg.has(e.from.node) || !indeg.has(e.to.node)) continue;
    indeg.set(e.to.node, (indeg.get(e.to.node) ?? 0) + 1);
    const list = next.get(e.from.node);
    if (list) list.push(e.to.node);
    else next.set(e.from.node, [e.to.node]);
  }
  const queue = [...indeg].filter(([, d]) => d === 0).map(([id]) => id);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    order.push(id);
    for (const t of next.get(id) ?? []) {
      const d = (indeg.get(t) ?? 0) - 1;
      indeg.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  const done = new Set(order);
  const cyclic = new Set([...indeg.keys()].filter((id) => !done.has(id)));
  return { order: [...order, ...cyclic], cyclic };
}

function diag(code: string, node: string, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { code, severity: 'error', node, message, ...extra };
}

/** Infers every node of a document against a registry. Never throws. */
export function inferDoc(doc: GraphDoc, registry: Registry): GraphInference {
  const { order, cyclic } = topoOrder(doc);
  const incoming = new Map<string, { port: string; from: { node: string; port: string } }[]>();
  for (const e of Object.values(doc.edges)) {
    const list = incoming.get(e.to.node) ?? [];
    list.push({ port: e.to.port, from: e.from });
    incoming.set(e.to.node, list);
  }
  const nodes: Record<string, NodeInference> = {};
  let paramCount = 0;
  let flops = 0;
  let errorCount = 0;
  let warningCount = 0;
  for (const id of order) {
    const node = doc.nodes[id]!;
    const diagnostics: Diagnostic[] = [];
    const inputs: Record<string, PortValue> = {};
    let outputs: Readonly<Record<string, PortValue>> = EMPTY;
    let nodeParams = 0;
    let nodeFlops: number | undefined;
    const spec = registry.get(node.type);
    if (cyclic.has(id)) diagnostics.push(diag('INFER_CYCLE', id, `node "${id}" is part of a cycle`));
    else if (Object.hasOwn(doc.placeholders, id) || !spec) {
      diagnostics.push(diag('INFER_MISSING_PLUGIN', id, `plugin "${node.type}" is not installed`, { severity: 'warning' }));
    } else {
      let ready = true;
      for (const inc of incoming.get(id) ?? []) {
        const v = nodes[inc.from.node]?.outputs[inc.from.port];
        const portSpec = spec.inputs[inc.port];
        if (!portSpec) {
          diagnostics.push(diag('INFER_UNKNOWN_PORT', id, `node "${id}" has no input "${inc.port}"`, { port: inc.port }));
          ready = false;
        } else if (!v) ready = false;
        else {
          const why = checkPortValue(portSpec, v);
          if (why) {
            diagnostics.push(diag('INFER_PORT_MISMATCH', id, `input "${inc.port}" ${why}`, { port: inc.port }));
            ready = false;
          } else inputs[inc.port] = v;
        }
      }
      for (const [port, ps] of Object.entries(spec.inputs)) {
        if (!ps.optional && !(incoming.get(id) ?? []).some((i) => i.port === port)) {
          diagnostics.push(diag('INFER_INPUT_UNCONNECTED', id, `input "${port}" is not connected`, { port }));
          ready = false;
        }
      }
      const resolved = resolveParams(spec.params, node.params);
      if (!resolved.ok) {
        for (const issue of resolved.issues) diagnostics.push(diag('INFER_BAD_PARAM', id, issue.message, { param: issue.param }));
        ready = false;
      }
      if (ready && resolved.ok) {
        try {
          const r = spec.infer({ params: resolved.values, inputs, fail: makeFail() });
          outputs = r.outputs;
          for (const w of Object.values(r.weights ?? {})) nodeParams += shapeSize(w.shape) ?? 0;
          nodeFlops = r.flops;
        } catch (e) {
          const target = e instanceof InferError ? e.target : {};
          const message = e instanceof Error ? e.message : String(e);
          diagnostics.push(diag(e instanceof InferError ? 'INFER_FAILED' : 'INFER_PLUGIN_THREW', id, message, target));
        }
      }
    }
    for (const d of diagnostics) {
      if (d.severity === 'error') errorCount++;
      else warningCount++;
    }
    paramCount += nodeParams;
    flops += nodeFlops ?? 0;
    nodes[id] = { outputs, inputs, paramCount: nodeParams, flops: nodeFlops, diagnostics };
  }
  return { nodes, order, paramCount, flops, errorCount, warningCount };
}
