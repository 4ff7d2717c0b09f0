/**
 * Inference of a document with block instances: the structural checks, then the flattened
 * graph inferred like any other, then the view of the top level the editor shows. An instance
 * gets its output values, the params and FLOPs of all its copies and its resolved params;
 * diagnostics of inner nodes land on the top-level instance and name the path
 * (`stack[3] › gla › x: ...`); a repeat whose copy changes the shape of what it passes on is
 * reported on the instance (`BLOCK_REPEAT_SHAPE`).
 */
import { topoOrder } from '../graph/topo.ts';
import { isInstance } from '../graph/blockTypes.ts';
import type { GraphDoc, GraphNode } from '../graph/types.ts';
import type { InferCache, GraphInference } from '../infer/inferGraph.ts';
import type { NodeInference } from '../infer/inferNode.ts';
import type { Diagnostic } from '../sdk/errors.ts';
import type { PortValue } from '../sdk/ports.ts';
import { formatShape } from '../sdk/shape.ts';
import type { Registry } from '../sdk/registry.ts';
import { checkBlocks } from './check.ts';
import {
  displayPath,
  flattenGraph,
  isOpaqueInstance,
  topLevelId,
  type FlatGraph,
  type FlatInstance,
} from './flatten.ts';

/** Infers a document without instances (inferGraph's own walk, passed in to avoid an import cycle). */
export type FlatInferrer = (doc: GraphDoc, registry: Registry, cache?: InferCache) => GraphInference;

/** Flat nodes of the previous inference per cache, so unchanged inner nodes hit the memo. */
const flatMemos = new WeakMap<InferCache, Map<string, GraphNode>>();

function mapDiagnostic(d: Diagnostic, flat: GraphDoc): Diagnostic | undefined {
  if (d.node === undefined) return d;
  if (d.code === 'INFER_PLACEHOLDER' && isOpaqueInstance(flat, d.node)) return undefined;
  if (!d.node.includes('/')) return d;
  const where = d.port ?? d.param;
  const path = `${displayPath(d.node)}${where === undefined ? '' : ` › ${where}`}`;
  const { port: _port, param: _param, ...rest } = d;
  return { ...rest, node: topLevelId(d.node), message: `${path}: ${d.message}` };
}

function describe(v: PortValue | undefined): string {
  if (v === undefined) return 'nothing';
  return v.kind === 'tensor' ? `${formatShape(v.shape)} ${v.dtype}` : 'a schedule';
}

function repeatShapes(flat: FlatGraph, inner: GraphInference): Diagnostic[] {
  const out: Diagnostic[] = [];
  const feeds = new Map<string, { node: string; port: string }>();
  for (const e of Object.values(flat.doc.edges)) feeds.set(`${e.to.node}.${e.to.port}`, e.from);
  for (const site of flat.repeats) {
    if (!site.firstInput || !site.firstOutput) continue;
    const src = feeds.get(`${site.firstInput.node}.${site.firstInput.port}`);
    const given = src ? inner.nodes[src.node]?.outputs[src.port] : undefined;
    const made = inner.nodes[site.firstOutput.node]?.outputs[site.firstOutput.port];
    if (!given || !made || JSON.stringify(given) === JSON.stringify(made)) continue;
    out.push({
      code: 'BLOCK_REPEAT_SHAPE',
      severity: 'error',
      message: `${displayPath(site.path)}: repeat ${site.repeat} of block "${site.block}" feeds each copy's output into the next copy's input, but one copy turns ${describe(given)} into ${describe(made)}; the block's output must have the shape of its input`,
      node: topLevelId(site.path),
    });
  }
  return out;
}

function instanceInference(
  id: string,
  inst: FlatInstance,
  inner: GraphInference,
  totals: Map<string, { params: number; flops: number; any: boolean }>,
): NodeInference | undefined {
  const outputs: Record<string, PortValue> = {};
  for (const [port, ref] of Object.entries(inst.outputs)) {
    const v = ref ? inner.nodes[ref.node]?.outputs[ref.port] : undefined;
    if (v === undefined) return undefined;
    outputs[port] = v;
  }
  const t = totals.get(id);
  return {
    outputs,
    weights: {},
    state: {},
    paramCount: t?.params ?? 0,
    flops: t?.any ? t.flops : undefined,
    params: inst.params,
  };
}

/** Whether a document has block instances at its top level (otherwise blocks change nothing). */
export function hasInstances(doc: GraphDoc): boolean {
  for (const id in doc.nodes) if (isInstance(doc.nodes[id]!)) return true;
  return false;
}

/**
 * Infers a document that has block instances (see the module comment).
 * @returns the top-level view, with the flat document and its inference in `flat`.
 */
export function inferWithBlocks(
  doc: GraphDoc,
  registry: Registry,
  inferFlat: FlatInferrer,
  cache?: InferCache,
): GraphInference {
  const structural = checkBlocks(doc, registry);
  let memo = cache ? flatMemos.get(cache) : undefined;
  if (cache && !memo) flatMemos.set(cache, (memo = new Map<string, GraphNode>()));
  const flat = flattenGraph(doc, { opaque: structural.length > 0, ...(memo ? { memo } : {}) });
  const inner = inferFlat(flat.doc, registry, cache);
  const totals = new Map<string, { params: number; flops: number; any: boolean }>();
  for (const [id, n] of Object.entries(inner.nodes)) {
    if (!n || !id.includes('/')) continue;
    const top = topLevelId(id);
    const t = totals.get(top) ?? { params: 0, flops: 0, any: false };
    t.params += n.paramCount;
    if (n.flops !== undefined) {
      t.flops += n.flops;
      t.any = true;
    }
    totals.set(top, t);
  }
  const nodes: Record<string, NodeInference | undefined> = {};
  for (const id of Object.keys(doc.nodes)) {
    const inst = flat.instances.get(id);
    nodes[id] = inst ? instanceInference(id, inst, inner, totals) : inner.nodes[id];
  }
  const diagnostics = [
    ...structural,
    ...repeatShapes(flat, inner),
    ...inner.diagnostics.flatMap((d) => mapDiagnostic(d, flat.doc) ?? []),
  ];
  return { nodes, diagnostics, order: topoOrder(doc).order, flat: { doc: flat.doc, inference: inner } };
}
