/**
 * Flattening: a document with block instances -> the same graph drawn flat, which inference
 * and the compiler handle like any other. Each copy of an instance becomes its inner nodes with
 * ids prefixed by the path (`stack/2/gla`: copy 2 of instance `stack`, inner node `gla`), so
 * weights are named by path (`stack/2/gla/W_q`). Edges into an instance's input go to the inner
 * ports the input feeds, edges from an output leave from the inner port it gives, and copy k+1
 * of a repeat reads copy k's output. Exposed param values are written into the bound inner
 * params. The document must have passed `checkBlocks`.
 */
import { BLOCK_TYPE, REPEAT_PARAM, instanceBlockId, isInstance, type BlockDef } from '../graph/blockTypes.ts';
import { edgeId } from '../graph/ids.ts';
import type { GraphDoc, GraphEdge, GraphNode, PlaceholderInfo, PortRef } from '../graph/types.ts';
import type { ParamValue } from '../sdk/params.ts';
import { blockOf, type Body } from './check.ts';
import { resolveInstanceParams } from './params.ts';

/** A repeated instance, anywhere in the nesting: what its shape check compares. */
export interface RepeatSite {
  /** Flat path of the instance (`stack` or `outer/0/stack`). */
  readonly path: string;
  readonly block: string;
  readonly repeat: number;
  /** An inner input port of copy 0 that the block input feeds. */
  readonly firstInput: PortRef | undefined;
  /** Copy 0's output. */
  readonly firstOutput: PortRef | undefined;
}

/** A top-level instance as flattened. */
export interface FlatInstance {
  readonly block: string;
  /** Resolved params: `block`, `repeat` and every exposed param. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Each input port -> the flat input ports it feeds (copy 0). */
  readonly inputs: Readonly<Record<string, readonly PortRef[]>>;
  /** Each output port -> the flat output port it gives (the last copy). */
  readonly outputs: Readonly<Record<string, PortRef | undefined>>;
}

/** Result of {@link flattenGraph}. */
export interface FlatGraph {
  /** The flat document: no blocks, no instances (opaque instances become placeholders). */
  readonly doc: GraphDoc;
  readonly instances: ReadonlyMap<string, FlatInstance>;
  readonly repeats: readonly RepeatSite[];
}

/** Options of {@link flattenGraph}. */
export interface FlattenOptions {
  /**
   * Keep top-level instances as placeholders instead of expanding them (the document has
   * structural block errors, so only the rest of the graph can be inferred).
   */
  readonly opaque?: boolean;
  /** Flat nodes of the previous call: unchanged ones are reused, so inference's memo hits. */
  readonly memo?: Map<string, GraphNode>;
}

interface Ctx {
  readonly blocks: Readonly<Record<string, BlockDef>>;
  readonly nodes: Record<string, GraphNode>;
  readonly edges: Record<string, GraphEdge>;
  readonly placeholders: Record<string, PlaceholderInfo>;
  readonly repeats: RepeatSite[];
  readonly memo: Map<string, GraphNode> | undefined;
}

interface Ports {
  inputs(node: string, port: string): readonly PortRef[];
  output(node: string, port: string): PortRef | undefined;
}

interface InstancePorts {
  readonly inputs: Record<string, readonly PortRef[]>;
  readonly outputs: Record<string, PortRef | undefined>;
}

function sameParams(a: GraphNode['params'], b: GraphNode['params']): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function addNode(ctx: Ctx, node: GraphNode): void {
  const prev = ctx.memo?.get(node.id);
  const same =
    prev !== undefined &&
    prev.type === node.type &&
    prev.position === node.position &&
    prev.label === node.label &&
    prev.data === node.data &&
    sameParams(prev.params, node.params);
  const kept = same ? prev : node;
  ctx.memo?.set(node.id, kept);
  ctx.nodes[node.id] = kept;
}

function addEdge(ctx: Ctx, from: PortRef | undefined, to: PortRef): void {
  if (!from) return;
  const id = edgeId(from, to);
  ctx.edges[id] = { id, from, to };
}

/**
 * The definition's nodes with an instance's exposed param values written into the inner params
 * they are bound to (a value left out keeps the inner node's own). Flattening and `ungroup` both
 * draw a definition this way.
 */
export function bindExposedParams(def: BlockDef, values: Readonly<Record<string, ParamValue>>): Record<string, GraphNode> {
  const nodes: Record<string, GraphNode> = { ...def.nodes };
  for (const [name, p] of Object.entries(def.params)) {
    const value = values[name];
    if (value === undefined) continue;
    for (const b of p.bind) {
      const inner = nodes[b.node];
      if (inner) nodes[b.node] = { ...inner, params: { ...inner.params, [b.param]: value } };
    }
  }
  return nodes;
}

function expandInstance(ctx: Ctx, node: GraphNode, prefix: string): InstancePorts {
  const blockId = instanceBlockId(node)!;
  const def = blockOf(ctx.blocks, blockId)!;
  const resolved = resolveInstanceParams(def, node.params);
  const values = resolved.ok ? resolved.values : {};
  const repeat = resolved.ok ? (values[REPEAT_PARAM] as number) : 1;
  const body: Body = { nodes: bindExposedParams(def, values), edges: def.edges, placeholders: def.placeholders };
  const path = `${prefix}${node.id}`;
  let last: InstancePorts = { inputs: {}, outputs: {} };
  let first: InstancePorts | undefined;
  for (let k = 0; k < repeat; k++) {
    const ports = expandBody(ctx, body, `${path}/${k}/`);
    const copy: InstancePorts = { inputs: {}, outputs: {} };
    for (const [port, refs] of Object.entries(def.inputs)) {
      copy.inputs[port] = refs.flatMap((r) => ports.inputs(r.node, r.port));
    }
    for (const [port, ref] of Object.entries(def.outputs))
      copy.outputs[port] = ports.output(ref.node, ref.port);
    if (k > 0) {
      const from = Object.values(last.outputs)[0];
      for (const to of Object.values(copy.inputs)[0] ?? []) addEdge(ctx, from, to);
    }
    first ??= copy;
    last = copy;
  }
  if (repeat > 1) {
    ctx.repeats.push({
      path,
      block: blockId,
      repeat,
      firstInput: Object.values(first!.inputs)[0]?.[0],
      firstOutput: Object.values(first!.outputs)[0],
    });
  }
  return { inputs: first?.inputs ?? {}, outputs: last.outputs };
}

function expandBody(ctx: Ctx, body: Body, prefix: string): Ports {
  const instances = new Map<string, InstancePorts>();
  for (const node of Object.values(body.nodes)) {
    if (isInstance(node)) {
      instances.set(node.id, expandInstance(ctx, node, prefix));
      continue;
    }
    const id = `${prefix}${node.id}`;
    addNode(ctx, prefix === '' ? node : { ...node, id });
    const ph = Object.hasOwn(body.placeholders, node.id) ? body.placeholders[node.id] : undefined;
    if (ph) ctx.placeholders[id] = ph;
  }
  const ports: Ports = {
    inputs: (node, port) => {
      const inst = instances.get(node);
      return inst ? (inst.inputs[port] ?? []) : [{ node: `${prefix}${node}`, port }];
    },
    output: (node, port) => {
      const inst = instances.get(node);
      return inst ? inst.outputs[port] : { node: `${prefix}${node}`, port };
    },
  };
  for (const e of Object.values(body.edges)) {
    const from = ports.output(e.from.node, e.from.port);
    for (const to of ports.inputs(e.to.node, e.to.port)) addEdge(ctx, from, to);
  }
  return ports;
}

/** The flat id of an instance's top-level node: the part before the first `/`. */
export function topLevelId(flatId: string): string {
  const cut = flatId.indexOf('/');
  return cut < 0 ? flatId : flatId.slice(0, cut);
}

/** A flat id as people read it: `stack/3/gla` -> `stack[3] › gla`. */
export function displayPath(flatId: string): string {
  const parts = flatId.split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      out.push(`${parts[i]!}[${next}]`);
      i++;
    } else out.push(parts[i]!);
  }
  return out.join(' › ');
}

/** Flattens every block instance of `doc` (see the module comment). */
export function flattenGraph(doc: GraphDoc, options: FlattenOptions = {}): FlatGraph {
  const ctx: Ctx = {
    blocks: doc.blocks ?? {},
    nodes: {},
    edges: {},
    placeholders: {},
    repeats: [],
    memo: options.memo,
  };
  const instances = new Map<string, FlatInstance>();
  const top = new Map<string, InstancePorts>();
  for (const node of Object.values(doc.nodes)) {
    if (!isInstance(node)) {
      addNode(ctx, node);
      if (Object.hasOwn(doc.placeholders, node.id)) ctx.placeholders[node.id] = doc.placeholders[node.id]!;
      continue;
    }
    const def = blockOf(ctx.blocks, instanceBlockId(node));
    if (options.opaque || !def) {
      addNode(ctx, node);
      ctx.placeholders[node.id] = { raw: null };
      continue;
    }
    const ports = expandInstance(ctx, node, '');
    top.set(node.id, ports);
    const resolved = resolveInstanceParams(def, node.params);
    instances.set(node.id, {
      block: instanceBlockId(node)!,
      params: resolved.ok ? resolved.values : node.params,
      ...ports,
    });
  }
  for (const e of Object.values(doc.edges)) {
    const src = top.get(e.from.node);
    const from = src ? src.outputs[e.from.port] : e.from;
    const dst = top.get(e.to.node);
    for (const to of dst ? (dst.inputs[e.to.port] ?? []) : [e.to]) addEdge(ctx, from, to);
  }
  if (ctx.memo) for (const id of [...ctx.memo.keys()]) if (!Object.hasOwn(ctx.nodes, id)) ctx.memo.delete(id);
  const flat: GraphDoc = {
    nodes: ctx.nodes,
    edges: ctx.edges,
    meta: doc.meta,
    placeholders: ctx.placeholders,
  };
  return { doc: flat, instances, repeats: ctx.repeats };
}

/** Whether a node of a flat document stands for an instance kept opaque. */
export function isOpaqueInstance(doc: GraphDoc, id: string): boolean {
  return doc.nodes[id]?.type === BLOCK_TYPE;
}
